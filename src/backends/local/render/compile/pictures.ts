import type { Motion, Segment, Timeline } from '../../../../core/timeline/model.js';
import { trackOf } from '../../../../core/timeline/model.js';
import { addClipPicture } from './clips.js';
import type { RenderAssets, RenderTarget } from './types.js';
import { lookFilter } from './look.js';
import { STILL, scaledMotion } from './motion.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';

const TEXT_FADE = 0.5;
/** The fades from and to black a letter has unless the person set others (0 = none). */
export const USUAL_FADES = { start: 0.6, end: 0.8 };

/** Frames [from, to) of the letter: any stretch of it can be rendered on its own. */
export interface FrameWindow {
  from: number;
  to: number;
}

/**
 * Ken Burns through `perspective`, which samples the moving window with sub-pixel precision
 * (zoompan rounds the window to whole pixels and wobbles). `in` is the frame number within the
 * shot; the window's zoom and centre move linearly from the motion's start to its end.
 * `firstFrame` > 0 starts the shot part-way (a window that begins inside it) on the very same path.
 */
export function perspectiveFilter(
  motion: Motion,
  shotFrames: number,
  width: number,
  height: number,
  firstFrame = 0,
): string {
  // `in` is 1 on the first frame the filter sees.
  const shift = firstFrame - 1;
  const p = `((in${shift === 0 ? '' : shift > 0 ? `+${shift}` : shift})/${Math.max(1, shotFrames - 1)})`;
  const lerp = (a: number, b: number) => (a === b ? num(a) : `(${num(a)}+${num(b - a)}*${p})`);
  const zoom = lerp(motion.fromZoom, motion.toZoom);
  const w = `(${width}/${zoom})`;
  const h = `(${height}/${zoom})`;
  const left = `(${lerp(motion.fromX, motion.toX)}*${width}-${w}/2)`;
  const top = `(${lerp(motion.fromY, motion.toY)}*${height}-${h}/2)`;
  const right = `(${left}+${w})`;
  const bottom = `(${top}+${h})`;
  return (
    `perspective=x0=${left}:y0=${top}:x1=${right}:y1=${top}:x2=${left}:y2=${bottom}:x3=${right}:y3=${bottom}` +
    ':interpolation=linear:eval=frame'
  );
}

/** A still picture repeated for `length` frames from frame `start`, decoded (and `once` filtered) once. */
function still(input: number, start: number, length: number, pixels: 'yuv420p' | 'yuva420p', once?: string): string {
  return `[${input}:v]format=${pixels},${once ? `${once},` : ''}loop=loop=${length - 1}:size=1:start=0,settb=1/${FPS},setpts=N+${start}`;
}

/** The moving photo for frames [first, first + count) of its shot, as `still` plus filters on every frame. */
function movingPhoto(
  input: number,
  motion: Motion,
  shotFrames: number,
  start: number,
  part: { first: number; count: number },
  target: RenderTarget,
): string {
  const { width, height } = target;
  if (target.motion === 'perspective') {
    return `${still(input, part.first, part.count, 'yuv420p')},${perspectiveFilter(motion, shotFrames, width, height, part.first - start)}`;
  }
  const { once, each } = scaledMotion(
    motion,
    shotFrames,
    width,
    height,
    part.first - start,
    part.count,
    target.quality === 'preview' ? 'bilinear' : 'bicublin',
  );
  return `${still(input, part.first, part.count, 'yuv420p', once)},${each}`;
}

/**
 * The photo that can be the bottom layer of frames [from, to) itself: the one on screen at
 * `from`, when the shots from it on cover the window without a gap. Laying every frame over a
 * black base cost a full-frame blend (2.4 ms a 1080p frame); a clip keeps the base, which it
 * needs to hold its last frame over.
 */
function bottomPhoto(shots: readonly Segment[], from: number, to: number): number | undefined {
  const index = shots.findIndex((s) => frames(s.start) <= from && frames(s.end) > from);
  if (index < 0 || shots[index]?.kind === 'clip' || !shots[index]?.mediaId) return undefined;
  let reached = frames(shots[index].end);
  for (const next of shots.slice(index + 1)) {
    if (reached >= to || frames(next.start) > reached) break;
    reached = Math.max(reached, frames(next.end));
  }
  return reached >= to ? index : undefined;
}

/**
 * The picture side of the letter, ending in the `[video]` label: shots (photos and clips) laid
 * one over another with `overlay`, each fading in over the one before (alpha `fade` works on
 * every ffmpeg we support, no `xfade` needed), then the text overlays, then a fade to black at
 * the very end. The bottom layer is the first photo itself where it can be, else black. With a window, only that stretch is made: frames keep the letter's own
 * timestamps inside the graph (so every fade and motion is exactly where it is in the whole
 * letter) and the output starts at zero.
 */
export function addPictures(
  g: FilterGraph,
  timeline: Timeline,
  assets: RenderAssets,
  target: RenderTarget,
  window?: FrameWindow,
): void {
  const { width, height } = target;
  const duration = frames(timeline.duration) / FPS;
  const { from, to } = window ?? { from: 0, to: frames(timeline.duration) };
  /** The part of [start, start + length) inside the window, or undefined when none is. */
  const visible = (start: number, length: number) => {
    const first = Math.max(start, from);
    const last = Math.min(start + length, to);
    return last > first ? { first, count: last - first } : undefined;
  };
  const shots = trackOf(timeline, 'video')?.segments ?? [];
  const { start: firstFade, end: endFade } = timeline.fades ?? USUAL_FADES;
  const bottom = bottomPhoto(shots, from, to);
  let current = 'base';
  if (bottom === undefined) {
    const shift = from > 0 ? `,setpts=N+${from}` : '';
    g.chain(`color=c=black:s=${width}x${height}:r=${FPS}:d=${num((to - from) / FPS)}${shift},format=yuv420p[base]`);
  }

  shots.forEach((shot, i) => {
    const start = frames(shot.start);
    const fadeIn = i === 0 ? firstFade : Math.max(0, (shots[i - 1]?.end ?? shot.start) - shot.start);
    const fadeSeconds = `st=${num(start / FPS)}:d=${num(Math.max(fadeIn, 1 / FPS))}`;
    const fade = `fade=t=in:${fadeSeconds}:alpha=1`;
    const part = visible(start, Math.max(1, frames(shot.end) - start));
    if (!part) return;
    if (i === bottom) {
      const photo = assets.photos[shot.mediaId as string];
      if (!photo) throw new Error(`compile: no prepared picture for segment "${shot.label}"`);
      const motion = shot.motion ?? STILL;
      // Held on its last frame to the window's end, where the shots above it hide it; the
      // letter's first photo fades in from black as it would over the black base.
      const hold = to - from - part.count;
      g.chain(
        `${movingPhoto(g.input(photo), motion, Math.max(1, frames(shot.end) - start), start, part, target)}` +
          `${hold > 0 ? `,loop=loop=${hold}:size=1:start=${part.count - 1},setpts=N+${from}` : ''}` +
          `${i === 0 && firstFade > 0 && part.first < start + frames(firstFade) ? `,fade=t=in:${fadeSeconds}` : ''}[v${i}]`,
      );
      current = `v${i}`;
      return;
    }
    if (shot.kind === 'clip') {
      const clip = shot.mediaId ? assets.clips[shot.mediaId] : undefined;
      if (!clip) throw new Error(`compile: no clip file for segment "${shot.label}"`);
      addClipPicture(g, clip, shot, width, height, `clip${i}`, window && part);
      // A clip shorter than its shot (only in a letter of clips whose words need longer) holds its last frame.
      g.chain(`[clip${i}]${fade}[shot${i}]`, `[${current}][shot${i}]overlay=eof_action=repeat:format=yuv420[v${i}]`);
    } else {
      const photo = shot.mediaId ? assets.photos[shot.mediaId] : undefined;
      if (!photo) throw new Error(`compile: no prepared picture for segment "${shot.label}"`);
      const length = Math.max(1, frames(shot.end) - start);
      const motion = shot.motion ?? STILL;
      const input = g.input(photo);
      g.chain(
        // The motion is the costliest filter; it runs without an alpha plane, and the plane
        // the crossfade needs is added after it.
        `${movingPhoto(input, motion, length, start, part, target)},format=yuva420p,${fade}[shot${i}]`,
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
    const part = visible(start, length);
    if (!part) return;
    const input = g.input(o.path);
    g.chain(
      `${still(input, part.first, part.count, 'yuva420p')},fade=t=in:st=${num(start / FPS)}:d=${num(fade)}:alpha=1,` +
        `fade=t=out:st=${num((start + length) / FPS - fade)}:d=${num(fade)}:alpha=1[text${k}]`,
      `[${current}][text${k}]overlay=x=${o.x}:y=${o.y}:eof_action=pass:format=yuv420[t${k}]`,
    );
    current = `t${k}`;
  });

  const ending = endFade > 0 ? `fade=t=out:st=${num(duration - endFade)}:d=${num(endFade)},` : '';
  g.chain(`[${current}]${ending}format=yuv420p${from > 0 ? ',setpts=PTS-STARTPTS' : ''}[video]`);
}
