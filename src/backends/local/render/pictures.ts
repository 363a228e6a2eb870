import type { Motion, Timeline } from '../../../timeline/model.js';
import { trackOf } from '../../../timeline/model.js';
import { addClipPicture } from './clips.js';
import type { RenderAssets, RenderTarget } from './compile.js';
import { lookFilter } from './look.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';

const TEXT_FADE = 0.5;
const FIRST_FADE = 0.6;
const END_FADE = 0.8;

/**
 * Ken Burns through `perspective`, which samples the moving window with sub-pixel precision
 * (zoompan rounds the window to whole pixels and wobbles). `in` is the frame number within the
 * shot; the window's zoom and centre move linearly from the motion's start to its end.
 */
export function perspectiveFilter(motion: Motion, shotFrames: number, width: number, height: number): string {
  const p = `(in/${Math.max(1, shotFrames - 1)})`;
  const lerp = (a: number, b: number) => (a === b ? num(a) : `(${num(a)}+${num(b - a)}*${p})`);
  const zoom = lerp(motion.fromZoom, motion.toZoom);
  const w = `(${width}/${zoom})`;
  const h = `(${height}/${zoom})`;
  const left = `(${lerp(motion.fromX, motion.toX)}*${width}-${w}/2)`;
  const top = `(${lerp(motion.fromY, motion.toY)}*${height}-${h}/2)`;
  const right = `(${left}+${w})`;
  const bottom = `(${top}+${h})`;
  return `perspective=x0=${left}:y0=${top}:x1=${right}:y1=${top}:x2=${left}:y2=${bottom}:x3=${right}:y3=${bottom}` +
    ':interpolation=linear:eval=frame';
}

/** A still picture repeated for `length` frames from frame `start`, decoded once. */
function still(input: number, start: number, length: number): string {
  return `[${input}:v]format=yuva420p,loop=loop=${length - 1}:size=1:start=0,settb=1/${FPS},setpts=N+${start}`;
}

/**
 * The picture side of the letter, ending in the `[video]` label: shots (photos and clips) laid
 * over a black base with `overlay`, each fading in over the one before (alpha `fade` works on
 * every ffmpeg we support, no `xfade` needed), then the text overlays, then a fade to black at
 * the very end.
 */
export function addPictures(g: FilterGraph, timeline: Timeline, assets: RenderAssets, target: RenderTarget): void {
  const { width, height } = target;
  const duration = frames(timeline.duration) / FPS;
  g.chain(`color=c=black:s=${width}x${height}:r=${FPS}:d=${num(duration)},format=yuv420p[base]`);
  let current = 'base';

  const shots = trackOf(timeline, 'video')?.segments ?? [];
  shots.forEach((shot, i) => {
    const start = frames(shot.start);
    const fadeIn = i === 0 ? FIRST_FADE : Math.min(1, (shots[i - 1]?.end ?? shot.start) - shot.start);
    const fade = `fade=t=in:st=${num(start / FPS)}:d=${num(Math.max(fadeIn, 1 / FPS))}:alpha=1`;
    if (shot.kind === 'clip') {
      const clip = shot.mediaId ? assets.clips[shot.mediaId] : undefined;
      if (!clip) throw new Error(`compile: no clip file for segment "${shot.label}"`);
      addClipPicture(g, clip, shot, width, height, `clip${i}`);
      // A clip shorter than its shot (only in a letter of clips whose words need longer) holds its last frame.
      g.chain(`[clip${i}]${fade}[shot${i}]`, `[${current}][shot${i}]overlay=eof_action=repeat:format=yuv420[v${i}]`);
    } else {
      const photo = shot.mediaId ? assets.photos[shot.mediaId] : undefined;
      if (!photo) throw new Error(`compile: no prepared picture for segment "${shot.label}"`);
      const length = Math.max(1, frames(shot.end) - start);
      const motion = shot.motion ?? { fromZoom: 1, toZoom: 1, fromX: 0.5, fromY: 0.5, toX: 0.5, toY: 0.5 };
      const input = g.input(photo);
      g.chain(
        `${still(input, start, length)},${perspectiveFilter(motion, length, width, height)},${fade}[shot${i}]`,
        `[${current}][shot${i}]overlay=eof_action=pass:format=yuv420[v${i}]`,
      );
    }
    current = `v${i}`;
  });

  // The look colours the pictures only; text keeps its own colours on top.
  const look = lookFilter(timeline.style);
  if (look) {
    g.chain(`[${current}]${look},format=yuv420p[look]`);
    current = 'look';
  }

  assets.overlays.forEach((o, k) => {
    const start = frames(o.start);
    const length = Math.max(1, frames(o.end) - start);
    const fade = Math.min(TEXT_FADE, length / FPS / 3);
    const input = g.input(o.path);
    g.chain(
      `${still(input, start, length)},fade=t=in:st=${num(start / FPS)}:d=${num(fade)}:alpha=1,` +
        `fade=t=out:st=${num((start + length) / FPS - fade)}:d=${num(fade)}:alpha=1[text${k}]`,
      `[${current}][text${k}]overlay=x=${o.x}:y=${o.y}:eof_action=pass:format=yuv420[t${k}]`,
    );
    current = `t${k}`;
  });

  g.chain(`[${current}]fade=t=out:st=${num(duration - END_FADE)}:d=${END_FADE},format=yuv420p[video]`);
}
