import type { PictureFacts } from '../../../core/media/record.js';
import type { Logger } from '../../../log.js';
import { findFaces } from './faces.js';
import { differenceHash, sharpness, tones } from './fingerprint.js';
import { salientPoint } from './saliency.js';
import { smallCopy } from './small-copy.js';

/** Long side of the copy faces are looked for in: the detector's own input size, so nothing is lost. */
const COPY_SIDE = 512;

/**
 * What intake keeps of a photo's content, from one small upright copy: its faces (none when the
 * face finder cannot run here, which is logged), where the eye goes, its hash and sharpness.
 */
export async function readPicture(filePath: string, format: string, log: Logger): Promise<PictureFacts> {
  const copy = await smallCopy(filePath, format, COPY_SIDE, 'rgb');
  const faces = await findFaces(copy).catch((e: unknown) => {
    log.warn({ err: e instanceof Error ? e.message : String(e) }, 'faces not looked for; framing follows saliency');
    return [];
  });
  const [saliency, hash, sharp, seen] = await Promise.all([
    salientPoint(copy),
    differenceHash(copy),
    sharpness(copy),
    tones(copy),
  ]);
  return { faces, saliency, hash, sharpness: sharp, ...seen };
}
