import { availableParallelism } from 'node:os';
import { promises as fs } from 'node:fs';
import PQueue from 'p-queue';
import type { Sharp } from 'sharp';
import { loadSharp } from '../../../../libraries.js';
import type { Fit } from '../../../../core/timeline/model.js';
import { openPhoto } from '../../intake/picture.js';
import type { PhotoBox } from '../../../../core/media/record.js';

/** The blurred background is made at 1/8 size: blurring a small picture is fast, and upscaling it adds more softness. */
const BACKDROP_SHRINK = 8;
const BACKDROP_BLUR_SIGMA = 3;
/** Dark enough that the sharp picture in front stands out, light enough to still read as the same photo. */
const BACKDROP_BRIGHTNESS = 0.55;

/**
 * The letter is 4:2:0 video, so the fitted photo keeps colour at half size too: finer colour would
 * not reach the MP4, and each part decodes a 4:2:0 JPEG faster (0.16 CPU-s less for a 30 s letter).
 */
const JPEG = { quality: 92, chromaSubsampling: '4:2:0' } as const;

/**
 * One photo to fit to exactly width x height: from the stored original, or, for a smaller frame
 * of the same shape (a preview, a storyboard tile), from the copy already fitted to the full
 * frame, which keeps exactly its crop and look and decodes a small JPEG instead of the original.
 */
export type PhotoJob = { width: number; height: number } & (
  { original: string; format: string; fit: Fit; framing?: Framing } | { fitted: string }
);

/** A photo's framing: the person's clockwise turn, and the part of the turned picture a cover fit shows (fractions). */
export interface Framing {
  rotation?: number;
  crop?: PhotoBox;
}

/**
 * Fits a photo once, upright (EXIF orientation applied): `cover` fills the frame with the crop the
 * plan chose around its faces (plan/framing.ts), or, for a photo intake did not read, around the
 * most salient region (sharp's attention strategy); `contain` shows the whole photo centred over
 * a blurred, darkened copy of itself filling the frame. Returns the JPEG.
 */
export async function fitPhoto(job: PhotoJob): Promise<Buffer> {
  const { width, height } = job;
  const sharp = await loadSharp();
  if ('fitted' in job) return sharp(job.fitted).resize(width, height, { fit: 'fill' }).jpeg(JPEG).toBuffer();
  const upright = await framed(job.original, job.format, job.framing);
  if (job.fit === 'contain') return containOverBackdrop(upright, width, height);
  const crop = job.framing?.crop;
  if (!crop)
    return upright.resize(width, height, { fit: 'cover', position: sharp.strategy.attention }).jpeg(JPEG).toBuffer();
  const { info } = await upright.clone().raw().toBuffer({ resolveWithObject: true });
  return upright
    .extract(inPixels(crop, info.width, info.height))
    .resize(width, height, { fit: 'fill' })
    .jpeg(JPEG)
    .toBuffer();
}

/** A box in fractions of a width x height picture, in whole pixels inside it. */
function inPixels(box: PhotoBox, width: number, height: number) {
  const left = Math.min(width - 1, Math.max(0, Math.round(box.x * width)));
  const top = Math.min(height - 1, Math.max(0, Math.round(box.y * height)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.round(box.width * width))),
    height: Math.max(1, Math.min(height - top, Math.round(box.height * height))),
  };
}

/** The photo upright (EXIF orientation applied), then turned as the person asked. */
async function framed(original: string, format: string, framing?: Framing): Promise<Sharp> {
  const upright = (await openPhoto(original, format)).rotate();
  if (!framing?.rotation) return upright;
  // sharp applies one rotation per pipeline: the upright picture is turned in a second one.
  const sharp = await loadSharp();
  const { data, info } = await upright.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).rotate(
    framing.rotation,
  );
}

/**
 * Fits each photo into the file of the same index, in order, `atOnce` at a time (each one open
 * holds a decoded original, 40 to 60 MB), telling `done` each index as its file is written.
 */
export async function fitPhotos(
  jobs: PhotoJob[],
  files: string[],
  done: (index: number) => void = () => undefined,
  atOnce = availableParallelism(),
): Promise<void> {
  const queue = new PQueue({ concurrency: atOnce });
  await Promise.all(
    jobs.map((job, i) =>
      queue.add(async () => {
        await fs.writeFile(files[i] as string, await fitPhoto(job));
        done(i);
      }),
    ),
  );
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
  const sharp = await loadSharp();
  return sharp(small)
    .resize(width, height, { fit: 'fill' })
    .composite([{ input: front, gravity: 'centre' }])
    .jpeg(JPEG)
    .toBuffer();
}
