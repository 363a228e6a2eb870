import type { Aspect, Fit } from '../../../core/timeline/model.js';
import { FRAME_SIZES } from '../../../core/timeline/model.js';

/**
 * How far a picture's shape may differ from the frame's and still be cropped to fill it. At 1.4 a
 * cover crop keeps at least 71% of the picture (a 4:3 photo in 16:9 keeps 75%); beyond it, as for
 * a portrait photo in a landscape letter, cropping would cut away faces, so the whole picture is
 * shown over a blurred copy of itself.
 */
export const MAX_COVER_MISMATCH = 1.4;

/** Pure: cover or contain, from the picture's upright size and the letter's aspect. Unknown size → cover. */
export function fitFor(width: number | undefined, height: number | undefined, aspect: Aspect): Fit {
  if (!width || !height) return 'cover';
  const frame = FRAME_SIZES[aspect];
  const ratio = width / height / (frame.width / frame.height);
  return Math.max(ratio, 1 / ratio) > MAX_COVER_MISMATCH ? 'contain' : 'cover';
}
