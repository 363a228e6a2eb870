import type { Motion, Timeline } from '../../../timeline/model.js';
import { trackOf } from '../../../timeline/model.js';

export const FPS = 30;

/** Files the renderer needs, prepared at the output size before compiling. */
export interface RenderAssets {
  /** Photo media id → a picture already fitted to exactly width x height. */
  photos: Record<string, string>;
  /** Text pictures (title, message lines, closing card) with where and when they show. */
  overlays: { path: string; start: number; end: number; x: number; y: number }[];
  /** Background music already fitted to the letter's length. */
  music?: { path: string; volume: number };
}

export interface RenderTarget {
  path: string;
  width: number;
  height: number;
  quality: 'final' | 'preview';
}

const TEXT_FADE = 0.5;
const FIRST_FADE = 0.6;
const END_FADE = 0.8;

const frames = (seconds: number) => Math.round(seconds * FPS);
const num = (n: number) => String(Math.round(n * 10000) / 10000);

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

/**
 * Pure: a Timeline and its prepared assets → the ffmpeg argument list. Each photo is decoded once
 * and repeated with `loop`; shots are laid over a black base with `overlay`, each fading in over
 * the one before (alpha `fade`), which works on every ffmpeg we support (no `xfade` needed).
 */
export function compile(timeline: Timeline, assets: RenderAssets, target: RenderTarget): string[] {
  const { width, height } = target;
  const total = frames(timeline.duration);
  const duration = total / FPS;
  const inputs: string[] = [];
  const graph: string[] = [];
  let inputIndex = 0;

  graph.push(`color=c=black:s=${width}x${height}:r=${FPS}:d=${num(duration)},format=yuv420p[base]`);
  let current = 'base';

  const shots = trackOf(timeline, 'video')?.segments ?? [];
  shots.forEach((shot, i) => {
    const photo = shot.mediaId ? assets.photos[shot.mediaId] : undefined;
    if (!photo) throw new Error(`compile: no prepared picture for segment "${shot.label}"`);
    const start = frames(shot.start);
    const length = Math.max(1, frames(shot.end) - start);
    const motion = shot.motion ?? { fromZoom: 1, toZoom: 1, fromX: 0.5, fromY: 0.5, toX: 0.5, toY: 0.5 };
    const fadeIn = i === 0 ? FIRST_FADE : Math.min(1, (shots[i - 1]?.end ?? shot.start) - shot.start);
    inputs.push('-i', photo);
    graph.push(
      `[${inputIndex}:v]format=yuva420p,loop=loop=${length - 1}:size=1:start=0,settb=1/${FPS},setpts=N+${start},` +
        `${perspectiveFilter(motion, length, width, height)},` +
        `fade=t=in:st=${num(start / FPS)}:d=${num(Math.max(fadeIn, 1 / FPS))}:alpha=1[shot${i}]`,
      `[${current}][shot${i}]overlay=eof_action=pass:format=yuv420[v${i}]`,
    );
    current = `v${i}`;
    inputIndex++;
  });

  assets.overlays.forEach((o, k) => {
    const start = frames(o.start);
    const length = Math.max(1, frames(o.end) - start);
    const fade = Math.min(TEXT_FADE, length / FPS / 3);
    inputs.push('-i', o.path);
    graph.push(
      `[${inputIndex}:v]format=yuva420p,loop=loop=${length - 1}:size=1:start=0,settb=1/${FPS},setpts=N+${start},` +
        `fade=t=in:st=${num(start / FPS)}:d=${num(fade)}:alpha=1,` +
        `fade=t=out:st=${num((start + length) / FPS - fade)}:d=${num(fade)}:alpha=1[text${k}]`,
      `[${current}][text${k}]overlay=x=${o.x}:y=${o.y}:eof_action=pass:format=yuv420[t${k}]`,
    );
    current = `t${k}`;
    inputIndex++;
  });

  graph.push(`[${current}]fade=t=out:st=${num(duration - END_FADE)}:d=${END_FADE},format=yuv420p[video]`);

  if (assets.music) {
    inputs.push('-i', assets.music.path);
    graph.push(`[${inputIndex}:a]aresample=48000,volume=${num(assets.music.volume)},apad,atrim=0:${num(duration)}[audio]`);
    inputIndex++;
  } else {
    graph.push(`anullsrc=channel_layout=stereo:sample_rate=48000,atrim=0:${num(duration)}[audio]`);
  }

  const encoder = target.quality === 'preview'
    ? ['-preset', 'ultrafast', '-crf', '26']
    : ['-preset', 'veryfast', '-crf', '20', '-profile:v', 'high'];

  return [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats',
    ...inputs,
    '-filter_complex', graph.join(';'),
    '-map', '[video]', '-map', '[audio]',
    '-c:v', 'libx264', ...encoder, '-pix_fmt', 'yuv420p', '-r', String(FPS), '-frames:v', String(total),
    '-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-ac', '2',
    '-movflags', '+faststart', '-f', 'mp4',
    target.path,
  ];
}
