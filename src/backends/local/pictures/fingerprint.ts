import type { SmallCopy } from './small-copy.js';
import { loadSharp } from '../../../libraries.js';

/** Side of the grey copy sharpness is measured on: blur is judged at the same scale for every photo. */
const SHARPNESS_SIDE = 256;

const greyOf = async (copy: SmallCopy) =>
  (await loadSharp())(copy.data, {
    raw: { width: copy.width, height: copy.height, channels: copy.channels },
  }).greyscale();

/**
 * A 64-bit difference hash (dHash) as 16 hex digits: the photo shrunk to 9x8 grey pixels, one
 * bit per pair of neighbours (is the left one brighter?). Re-saved, resized or slightly
 * re-exposed copies of a photo differ in a few bits; different photos in about half.
 */
export async function differenceHash(copy: SmallCopy): Promise<string> {
  const pixels = await (await greyOf(copy)).resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let byte = 0;
    for (let col = 0; col < 8; col++)
      byte = (byte << 1) | (pixels[row * 9 + col]! > pixels[row * 9 + col + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/**
 * The mean of each of red, green and blue, and how much the picture spreads from dark to light (the
 * channels' standard deviations, averaged; sharp's stats read the pixels before any operation).
 */
export async function tones(copy: SmallCopy): Promise<{ colour: [number, number, number]; contrast: number }> {
  const { channels } = await (
    await loadSharp()
  )(copy.data, {
    raw: { width: copy.width, height: copy.height, channels: copy.channels },
  }).stats();
  const [r, g, b] = channels.map((c) => Math.round(c.mean));
  const spread = channels.reduce((sum, c) => sum + c.stdev, 0) / Math.max(1, channels.length);
  return { colour: [r ?? 0, g ?? r ?? 0, b ?? r ?? 0], contrast: Math.round(spread * 10) / 10 };
}

/**
 * Sharpness as the variance of the Laplacian on a grey copy 256 pixels on its longer side: edges
 * give large second differences, a blurred shot only small ones.
 */
export async function sharpness(copy: SmallCopy): Promise<number> {
  const { data, info } = await (
    await greyOf(copy)
  )
    .resize(SHARPNESS_SIDE, SHARPNESS_SIDE, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  let sum = 0;
  let squares = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
      sum += lap;
      squares += lap * lap;
      n++;
    }
  }
  return n === 0 ? 0 : Math.round((squares / n - (sum / n) ** 2) * 10) / 10;
}
