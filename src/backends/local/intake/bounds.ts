import { LetterError } from '../../../core/errors.js';
import { MAX_PHOTO_PIXELS } from '../../../core/media/formats.js';
import {
  MAX_ASPECT,
  MAX_MEDIA_SECONDS,
  MIN_BYTES_PER_SECOND,
  MIN_SIDE,
  PICTURE_RULES,
  mediaTooLong,
} from '../limits.js';
import { measureSeconds } from './probe.js';

/**
 * A photo's or clip's size against what a letter takes: no side beyond `maxSide` or under
 * MIN_SIDE, no more than MAX_ASPECT times wider than tall or taller than wide, and (photos) no more
 * than MAX_PHOTO_PIXELS. A 1x20000 clip costs ffmpeg half a gigabyte to fit into a frame, and
 * breaks every export; it is refused here, naming the file, instead.
 */
export function checkPictureSize(
  fileName: string,
  kind: 'photo' | 'clip',
  width: number,
  height: number,
  maxSide: number,
): void {
  const mp = Math.round((width * height) / 1e6);
  const size = `${width}x${height} pixels${mp >= 1 ? ` (${mp} megapixels)` : ''}`;
  const refuse = (why: string) =>
    new LetterError('file_too_large', `"${fileName}" is a ${kind} of ${size}, ${why}. ${PICTURE_RULES}`);
  if (kind === 'photo' && width * height > MAX_PHOTO_PIXELS)
    throw refuse(
      `more than the ${Math.floor(MAX_PHOTO_PIXELS / 1e6)} megapixels a photo may have (a phone photo is 12 to 50)`,
    );
  if (Math.max(width, height) > maxSide) throw refuse(`longer than the ${maxSide.toLocaleString('en')} pixels a side`);
  if (Math.min(width, height) < MIN_SIDE) throw refuse(`narrower than the ${MIN_SIDE} pixels a side`);
  if (Math.max(width, height) / Math.min(width, height) > MAX_ASPECT)
    throw refuse(`more than ${MAX_ASPECT} times longer one way than the other`);
}

/**
 * How long a recording or clip really is. A header's duration is believed when the file's size can
 * hold it (MIN_BYTES_PER_SECOND); otherwise the stream is decoded and measured, so a 16 KB MP3
 * whose header claims 2^31 frames is the second or so it holds, never 56 million seconds. Then the
 * length is held to MAX_MEDIA_SECONDS: a longer file is refused with a sentence naming the limit.
 * Decision (issue 22): measure rather than refuse an implausible header, since a damaged but
 * playable phone recording is worth keeping; refuse only what is really too long.
 */
export async function trueSeconds(
  fileName: string,
  claimed: number | undefined,
  sizeBytes: number,
  measure: { ffmpeg: string; filePath: string; stream: 'a' | 'v' },
): Promise<number | undefined> {
  const believable = claimed !== undefined && sizeBytes / claimed >= MIN_BYTES_PER_SECOND;
  // Decoding stops just past the limit: a long file is refused for its length, not decoded whole.
  const seconds = believable
    ? claimed
    : await measureSeconds(measure.ffmpeg, measure.filePath, measure.stream, MAX_MEDIA_SECONDS + 1);
  if (seconds !== undefined && seconds > MAX_MEDIA_SECONDS)
    throw new LetterError('file_too_large', mediaTooLong(fileName));
  return seconds;
}
