import type { LookStyle } from '../../../../core/timeline/model.js';
import { lookFilter } from '../compile/look.js';
import { runProgram } from './ffmpeg-runner.js';

/** Pure: the filters that put still frames in a look, on the render's pixel format, and back to RGBA. */
export const lookFramesFilter = (look: string) => `format=yuv420p,${look},format=rgba`;

/**
 * Still frames (raw RGBA, each width x height) in the letter's colour look, through the very
 * filters the render uses, on the same pixel format (4:2:0), so a still shows the look the video
 * will have. All frames go through one ffmpeg run, as the frames of a tiny video, so a vignette
 * darkens each frame's own corners. Frames of a letter without a look come back as they are.
 */
export async function framesInLook(
  ffmpeg: string,
  style: LookStyle | undefined,
  frames: Uint8Array[],
  width: number,
  height: number,
): Promise<Uint8Array[]> {
  const look = lookFilter(style);
  if (!look || frames.length === 0) return frames;
  const size = width * height * 4;
  const { bytes } = await runProgram(
    ffmpeg,
    [
      '-hide_banner',
      '-v',
      'error',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      `${width}x${height}`,
      '-r',
      '1',
      '-i',
      'pipe:0',
      '-vf',
      lookFramesFilter(look),
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    { input: Buffer.concat(frames) },
  );
  return frames.map((_, i) => bytes.subarray(i * size, (i + 1) * size));
}
