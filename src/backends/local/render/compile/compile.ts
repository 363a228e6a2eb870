import type { Timeline } from '../../../../core/timeline/model.js';
import { AUDIO_SETTINGS, encoderSettings } from './encoder.js';
import { graphCommand } from './quiet.js';
import { FPS, FilterGraph, frames } from './graph.js';
import { addPictures } from './pictures.js';
import { addSound } from './sound.js';
import type { RenderAssets, RenderTarget } from './types.js';

/** Pure: a Timeline and its prepared assets → the ffmpeg argument list. */
export function compile(timeline: Timeline, assets: RenderAssets, target: RenderTarget): string[] {
  const g = new FilterGraph();
  addPictures(g, timeline, assets, target);
  addSound(g, timeline, assets);
  return [
    ...graphCommand(g),
    '-map',
    '[video]',
    '-map',
    '[audio]',
    '-c:v',
    'libx264',
    ...encoderSettings(target.quality),
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(FPS),
    '-frames:v',
    String(frames(timeline.duration)),
    ...AUDIO_SETTINGS,
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    target.path,
  ];
}
