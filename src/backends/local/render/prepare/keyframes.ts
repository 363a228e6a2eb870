import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exists, tempSibling } from '../../../../files.js';
import type { Fit } from '../../../../core/timeline/model.js';
import { fitFilters } from '../compile/clips.js';
import { num } from '../compile/graph.js';
import { runProgram } from '../run/ffmpeg-runner.js';

/** Pure: the filtergraph that fits a clip's frame as the render fits the clip, ending in `[framefit]`. */
export const clipFrameGraph = (fit: Fit, width: number, height: number) =>
  [`[0:v]null[frame]`, ...fitFilters(fit, width, height, 'frame')].join(';');

/**
 * One frame of a clip, `seconds` in, upright and fitted to width x height exactly as the render
 * fits it (same filters), written once as a JPEG at `target`.
 */
export async function clipFrame(
  ffmpeg: string,
  file: string,
  seconds: number,
  fit: Fit,
  width: number,
  height: number,
  target: string,
): Promise<string> {
  if (await exists(target)) return target;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const partial = `${tempSibling(target)}.jpg`;
  const grab = (seek: string[]) =>
    runProgram(ffmpeg, [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-y',
      ...seek,
      '-i',
      file,
      '-filter_complex',
      clipFrameGraph(fit, width, height),
      '-map',
      '[framefit]',
      '-frames:v',
      '1',
      '-q:v',
      '3',
      partial,
    ]);
  try {
    await grab(['-ss', num(Math.max(0, seconds))]);
    // A clip held on its last frame is asked for a moment past its end: take that last frame.
    if (!(await exists(partial))) await grab(['-sseof', '-0.25']);
    await fs.rename(partial, target);
  } finally {
    await fs.rm(partial, { force: true });
  }
  return target;
}
