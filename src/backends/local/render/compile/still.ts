import { trackOf, type Timeline } from '../../../../core/timeline/model.js';
import { FilterGraph, frames } from './graph.js';
import { addPictures } from './pictures.js';
import { graphCommand } from './quiet.js';
import type { RenderAssets, RenderTarget } from './types.js';

/**
 * Pure: the moment of the letter a still of one photo or clip shows: the middle of its own words
 * (its caption or a pinned line) when it has some, else the middle of the stretch where it is
 * alone on screen, after the crossfade into it.
 */
export function stillTime(timeline: Timeline, mediaId: string): number | undefined {
  const shots = trackOf(timeline, 'video')?.segments ?? [];
  const i = shots.findIndex((s) => s.mediaId === mediaId);
  const shot = shots[i];
  if (!shot) return undefined;
  const own = (trackOf(timeline, 'message')?.segments ?? []).find((w) => w.moment === mediaId);
  if (own) return (own.start + own.end) / 2;
  const from = i === 0 ? shot.start : Math.min(shot.end, shots[i - 1]?.end ?? shot.start);
  const to = Math.min(shot.end, shots[i + 1]?.start ?? shot.end);
  return (from + Math.max(from, to)) / 2;
}

/**
 * Pure: ffmpeg arguments writing the letter's frame at `seconds` as a JPEG (`quality`: ffmpeg's
 * 2 = best .. 31), drawn by the very filter graph the render uses, so the still is what the
 * letter will show.
 */
export function compileStill(
  timeline: Timeline,
  assets: RenderAssets,
  target: RenderTarget,
  seconds: number,
  quality: number,
): string[] {
  const g = new FilterGraph();
  const frame = Math.min(frames(seconds), frames(timeline.duration) - 1);
  addPictures(g, timeline, assets, target, { from: frame, to: frame + 1 });
  return [
    ...graphCommand(g),
    '-map',
    '[video]',
    '-frames:v',
    '1',
    '-c:v',
    'mjpeg',
    '-q:v',
    String(quality),
    '-f',
    'image2',
    target.path,
  ];
}
