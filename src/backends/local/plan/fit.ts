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

export interface Focus {
  x: number;
  y: number;
}

/**
 * Pure: the part of a width x height picture that a cover fit to frameWidth x frameHeight keeps,
 * centred on `focus` (fractions of the picture) as far as the picture's edges allow.
 */
export function coverCrop(width: number, height: number, frameWidth: number, frameHeight: number, focus: Focus) {
  const scale = Math.max(frameWidth / width, frameHeight / height);
  const w = Math.min(width, Math.round(frameWidth / scale));
  const h = Math.min(height, Math.round(frameHeight / scale));
  const left = Math.round(Math.min(width - w, Math.max(0, focus.x * width - w / 2)));
  const top = Math.round(Math.min(height - h, Math.max(0, focus.y * height - h / 2)));
  return { left, top, width: w, height: h };
}

/** Pure: where the focus point lands in the frame (fractions of it) after coverCrop; contain keeps the picture whole and centred. */
export function focusInFrame(
  focus: Focus,
  width: number | undefined,
  height: number | undefined,
  aspect: Aspect,
  fit: Fit,
): Focus {
  if (!width || !height || fit === 'contain') return focus;
  const frame = FRAME_SIZES[aspect];
  const crop = coverCrop(width, height, frame.width, frame.height, focus);
  return {
    x: Math.min(1, Math.max(0, (focus.x * width - crop.left) / crop.width)),
    y: Math.min(1, Math.max(0, (focus.y * height - crop.top) / crop.height)),
  };
}
