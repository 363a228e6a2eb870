import type { Timeline } from '../../../timeline/model.js';
import { trackOf } from '../../../timeline/model.js';
import { clipInput, shotSeconds } from './clips.js';
import type { RenderAssets } from './compile.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';

/**
 * Mixes labelled streams at unity gain. The 2018 ffmpeg's `amix` has no `normalize` and scales
 * every input by 1/n, so the sum is turned back up by n; every input runs the whole letter (each
 * is padded to it) so amix never renormalizes when one ends.
 */
function mixAtUnity(g: FilterGraph, labels: string[], out: string): void {
  if (labels.length === 1) {
    g.chain(`[${labels[0]}]anull[${out}]`);
    return;
  }
  g.chain(`${labels.map((l) => `[${l}]`).join('')}amix=inputs=${labels.length}:duration=first:dropout_transition=0,volume=${labels.length}[${out}]`);
}

/**
 * The clips' own sound as one stream, labelled `[clipsound]`, kept apart from the music so the
 * music can later duck under it: each clip's first `shotSeconds` at the shot's volume, starting
 * where its picture starts and padded to the letter's length. Returns the label, or undefined
 * when no clip has sound.
 */
export function addClipSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): string | undefined {
  const duration = frames(timeline.duration) / FPS;
  const voiced = (trackOf(timeline, 'video')?.segments ?? []).filter((s) => s.kind === 'clip' && s.volume !== undefined && s.mediaId);
  const labels = voiced.map((shot, k) => {
    const file = assets.clips[shot.mediaId as string];
    if (!file) throw new Error(`compile: no clip file for segment "${shot.label}"`);
    const input = clipInput(g, file, shot);
    // The delay is the shot's first frame, so the sound starts with its picture.
    const delayMs = Math.round((frames(shot.start) / FPS) * 1000);
    g.chain(
      `[${input}:a]atrim=duration=${num(shotSeconds(shot))},asetpts=PTS-STARTPTS,aresample=48000,` +
        `aformat=sample_fmts=fltp:channel_layouts=stereo,volume=${num(shot.volume ?? 1)},` +
        `adelay=${delayMs}|${delayMs},apad,atrim=0:${num(duration)}[clipsound${k}]`,
    );
    return `clipsound${k}`;
  });
  if (labels.length === 0) return undefined;
  mixAtUnity(g, labels, 'clipsound');
  return 'clipsound';
}

/** The sound side of the letter, ending in the `[audio]` label: the music at its volume and the clips' sound, or silence. */
export function addSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): void {
  const duration = frames(timeline.duration) / FPS;
  const clips = addClipSound(g, timeline, assets);
  const bed = clips ? 'music' : 'audio';
  if (assets.music) {
    const input = g.input(assets.music.path);
    g.chain(`[${input}:a]aresample=48000,volume=${num(assets.music.volume)},apad,atrim=0:${num(duration)}[${bed}]`);
  } else {
    g.chain(`anullsrc=channel_layout=stereo:sample_rate=48000,atrim=0:${num(duration)}[${bed}]`);
  }
  if (clips) mixAtUnity(g, [bed, clips], 'audio');
}
