import type { Timeline } from '../../../timeline/model.js';
import type { RenderAssets } from './compile.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';

/** The sound side of the letter, ending in the `[audio]` label: the music at its volume, or silence. */
export function addSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): void {
  const duration = frames(timeline.duration) / FPS;
  if (assets.music) {
    const input = g.input(assets.music.path);
    g.chain(`[${input}:a]aresample=48000,volume=${num(assets.music.volume)},apad,atrim=0:${num(duration)}[audio]`);
  } else {
    g.chain(`anullsrc=channel_layout=stereo:sample_rate=48000,atrim=0:${num(duration)}[audio]`);
  }
}
