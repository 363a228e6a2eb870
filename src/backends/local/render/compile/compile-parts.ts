import type { Timeline } from '../../../../core/timeline/model.js';
import { AUDIO_SETTINGS, encoderSettings } from './encoder.js';
import { graphCommand, QUIET_WITH_PROGRESS } from './quiet.js';
import type { RenderAssets, RenderTarget } from './types.js';
import { FPS, FilterGraph } from './graph.js';
import { addPictures, type FrameWindow } from './pictures.js';
import { addSound } from './sound.js';

/**
 * Pure: one stretch of the letter's pictures → ffmpeg arguments writing a silent MP4 to
 * target.path, with `threads` threads for the filters and for x264. When parts run side by side,
 * one per core, a single thread each does the same work with less CPU lost to coordination and
 * less memory than every process spreading over every core.
 */
export function compilePart(
  timeline: Timeline,
  assets: RenderAssets,
  target: RenderTarget,
  window: FrameWindow,
  threads: number,
): string[] {
  const g = new FilterGraph();
  addPictures(g, timeline, assets, target, window);
  return [
    ...graphCommand(g, ['-filter_complex_threads', String(threads)]),
    '-map',
    '[video]',
    '-c:v',
    'libx264',
    ...encoderSettings(target.quality),
    '-threads',
    String(threads),
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(FPS),
    '-frames:v',
    String(window.to - window.from),
    '-an',
    '-f',
    'mp4',
    target.path,
  ];
}

/**
 * Pure: the letter's sound alone (music, voice, clips' own sound, mixed and levelled) → ffmpeg
 * arguments writing it as AAC in an M4A to `path`. It renders beside the parts and is cached
 * like them, so the last step only puts the two together.
 */
export function compileSound(timeline: Timeline, assets: RenderAssets, path: string): string[] {
  const g = new FilterGraph();
  addSound(g, timeline, assets);
  return [...graphCommand(g), '-map', '[audio]', ...AUDIO_SETTINGS, '-vn', '-f', 'mp4', path];
}

/**
 * Pure: the parts (listed in a concat file) and the sound file put together as they are, without
 * re-encoding either → ffmpeg arguments writing the final MP4 to target.path.
 */
export function compileJoin(partList: string, sound: string, target: RenderTarget): string[] {
  return [
    ...QUIET_WITH_PROGRESS,
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    partList,
    '-i',
    sound,
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    target.path,
  ];
}
