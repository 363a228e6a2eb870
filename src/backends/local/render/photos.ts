import sharp, { type Sharp } from 'sharp';
import { exists, writeFileAtomic } from '../../../files.js';
import type { Fit } from '../../../timeline/model.js';
import { openPhoto } from '../intake/picture.js';

/** The blurred background is made at 1/8 size: blurring a small picture is fast, and upscaling it adds more softness. */
const BACKDROP_SHRINK = 8;
const BACKDROP_BLUR_SIGMA = 3;
/** Dark enough that the sharp picture in front stands out, light enough to still read as the same photo. */
const BACKDROP_BRIGHTNESS = 0.55;

const JPEG = { quality: 92, chromaSubsampling: '4:4:4' } as const;

/**
 * Fits a photo to exactly width x height once, upright (EXIF orientation applied): `cover` fills
 * the frame cropped around the most salient region (sharp's attention strategy); `contain` shows
 * the whole photo centred over a blurred, darkened copy of itself filling the frame.
 */
export async function preparePhoto(source: string, format: string, target: string, width: number, height: number, fit: Fit): Promise<string> {
  if (await exists(target)) return target;
  const upright = (await openPhoto(source, format)).rotate();
  const jpeg = fit === 'cover'
    ? await upright.resize(width, height, { fit: 'cover', position: sharp.strategy.attention }).jpeg(JPEG).toBuffer()
    : await containOverBackdrop(upright, width, height);
  await writeFileAtomic(target, jpeg);
  return target;
}

async function containOverBackdrop(upright: Sharp, width: number, height: number): Promise<Buffer> {
  const small = await upright
    .clone()
    .resize(Math.ceil(width / BACKDROP_SHRINK), Math.ceil(height / BACKDROP_SHRINK), { fit: 'cover' })
    .blur(BACKDROP_BLUR_SIGMA)
    .modulate({ brightness: BACKDROP_BRIGHTNESS })
    .removeAlpha()
    .png()
    .toBuffer();
  const front = await upright.clone().resize(width, height, { fit: 'inside' }).png().toBuffer();
  return sharp(small)
    .resize(width, height, { fit: 'fill' })
    .composite([{ input: front, gravity: 'centre' }])
    .jpeg(JPEG)
    .toBuffer();
}
