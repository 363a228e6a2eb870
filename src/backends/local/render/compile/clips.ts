import type { Fit, Segment } from '../../../../core/timeline/model.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';
import { focusPoint } from '../../plan/framing.js';

/** The blurred backdrop behind a contained clip is blurred at 1/8 size, as for photos: fast, and soft when scaled up. */
const BACKDROP_SHRINK = 8;
/** Same darkening as the photos' backdrop (sharp's brightness 0.55), on luma only. */
const BACKDROP_LUMA = 0.55;

/**
 * A clip's input, opened once for its picture and its sound. `-t` stops decoding at what the
 * shot plays (plus a frame of margin), so a long phone video is not decoded to its end.
 */
export function clipInput(g: FilterGraph, file: string, shot: Segment): number {
  // Seeking before the input starts decoding at the in point (trimmed clips).
  const from = shot.from ? ['-ss', num(shot.from)] : [];
  return g.sharedInput(file, [...from, '-t', num(shotSeconds(shot) + 1 / FPS)]);
}

/** A quarter, half or three-quarter turn clockwise, as ffmpeg filters (none for upright). */
export function turnFilter(rotation: Segment['rotation']): string {
  if (rotation === 90) return 'transpose=clock,';
  if (rotation === 270) return 'transpose=cclock,';
  if (rotation === 180) return 'hflip,vflip,';
  return '';
}

/** How long a clip shot plays in the letter, in whole frames. */
export function shotSeconds(shot: Segment): number {
  return Math.max(1, frames(shot.end) - frames(shot.start)) / FPS;
}

const even = (expr: string) => `trunc((${expr})/2)*2`;

/** ffmpeg filters that fit an upright picture stream to exactly width x height. */
export function fitFilters(fit: Fit, width: number, height: number, label: string, focus?: Segment['focus']): string[] {
  if (fit === 'cover') {
    // The crop keeps the focus point as central as the picture's edges allow (the centre by default).
    const point = focusPoint(focus);
    const at = point
      ? `:x=min(max(iw*${num(point.x)}-ow/2\\,0)\\,iw-ow):y=min(max(ih*${num(point.y)}-oh/2\\,0)\\,ih-oh)`
      : '';
    return [
      `[${label}]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height}${at},setsar=1[${label}fit]`,
    ];
  }
  const bw = Math.ceil(width / BACKDROP_SHRINK / 2) * 2;
  const bh = Math.ceil(height / BACKDROP_SHRINK / 2) * 2;
  const scale = `min(${width}/iw\\,${height}/ih)`;
  return [
    `[${label}]split[${label}back][${label}front]`,
    `[${label}back]scale=${bw}:${bh}:force_original_aspect_ratio=increase,crop=${bw}:${bh},boxblur=4:2,` +
      `lutyuv=y=val*${BACKDROP_LUMA},scale=${width}:${height},setsar=1[${label}blur]`,
    `[${label}front]scale=${even(`iw*${scale}`)}:${even(`ih*${scale}`)},setsar=1[${label}sharp]`,
    `[${label}blur][${label}sharp]overlay=(W-w)/2:(H-h)/2[${label}fit]`,
  ];
}

/**
 * A clip as a shot: its first `shotSeconds` (ffmpeg has already turned it upright from its
 * rotation metadata), resampled to a constant 30 fps by timestamp so a variable-frame-rate phone
 * clip stays in step with its sound, fitted to the frame, and timed to start at the shot's frame.
 * Ends in `[out]`, with alpha, ready for the crossfade. With `part`, only the shot's frames
 * [first, first + count) of the letter are kept (a render of one stretch of the letter).
 */
export function addClipPicture(
  g: FilterGraph,
  file: string,
  shot: Segment,
  width: number,
  height: number,
  out: string,
  part?: { first: number; count: number },
): void {
  const input = clipInput(g, file, shot);
  const start = frames(shot.start);
  const skip = part ? part.first - start : 0;
  const keep = part ? `,trim=start_frame=${skip}:end_frame=${skip + part.count}` : '';
  g.chain(
    `[${input}:v]${turnFilter(shot.rotation)}trim=duration=${num(shotSeconds(shot))},setpts=PTS-STARTPTS,fps=${FPS}${keep}[${out}src]`,
    ...fitFilters(shot.fit ?? 'cover', width, height, `${out}src`, shot.focus),
    `[${out}srcfit]format=yuva420p,settb=1/${FPS},setpts=N+${start + skip}[${out}]`,
  );
}
