import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encoderSettings } from '../src/backends/local/render/compile/encoder.js';
import type { RenderTarget } from '../src/backends/local/render/compile/types.js';
import { measureCommand, type Measured } from './measure.js';

export interface FloorSpec {
  width: number;
  height: number;
  frames: number;
  quality: RenderTarget['quality'];
}

/** Raw frames the floor encodes: at most this many are decoded and then looped. */
const EXCERPT_FRAMES = 300;

export const FLOOR_METHOD =
  `libx264 with the renderer's own encoderSettings() encodes the same number of frames at the same size, ` +
  `read as raw yuv420p from a file: up to ${EXCERPT_FRAMES} frames from the middle of the rendered letter, decoded once ` +
  'before timing and looped with -stream_loop, so neither decoding nor filtering is in the figure; output to -f null, no audio.';

/**
 * The encoder's floor for a render: how long x264 alone needs for the same frames at the same
 * settings, with the letter's own pictures so the content is as hard to compress as the real one.
 */
export async function measureFloor(
  ffmpeg: string,
  rendered: string,
  spec: FloorSpec,
  scratch: string,
): Promise<Measured> {
  const size = `${spec.width}x${spec.height}`;
  const excerpt = path.join(scratch, `floor-${size}-${spec.quality}.yuv`);
  const take = Math.min(EXCERPT_FRAMES, spec.frames);
  const from = Math.max(0, (spec.frames - take) / 2 / 30);
  await measureCommand(ffmpeg, [
    '-v',
    'error',
    '-y',
    '-ss',
    from.toFixed(3),
    '-i',
    rendered,
    '-frames:v',
    String(take),
    '-an',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    excerpt,
  ]);
  try {
    return await measureCommand(ffmpeg, [
      '-v',
      'error',
      '-nostdin',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      '-video_size',
      size,
      '-framerate',
      '30',
      '-stream_loop',
      '-1',
      '-i',
      excerpt,
      '-frames:v',
      String(spec.frames),
      '-c:v',
      'libx264',
      ...encoderSettings(spec.quality),
      '-pix_fmt',
      'yuv420p',
      '-f',
      'null',
      '-',
    ]);
  } finally {
    await fs.rm(excerpt, { force: true });
  }
}
