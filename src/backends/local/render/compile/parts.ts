import { FPS } from './graph.js';
import type { RenderTarget } from './types.js';
import type { FrameWindow } from './pictures.js';

/**
 * About how long one part of a letter is. Parts render side by side (one per core) and are
 * cached one by one, so an edit re-renders only the parts it touches; shorter parts cache more
 * finely but each costs a process start (about 0.2 CPU-s at 1080p) and a keyframe.
 */
export const PART_SECONDS = 4;

/**
 * Pure: how many frames a part holds. A preview's frames (540p, x264 ultrafast) cost about a
 * seventh of a final 1080p frame's while a part's start costs the same (0.13 CPU-s, a quarter of
 * a 4 s preview part), so its parts are four times as long: a 30 s preview is one part per core.
 */
export function partFrames(quality: RenderTarget['quality']): number {
  return (quality === 'preview' ? 4 : 1) * PART_SECONDS * FPS;
}

/**
 * Pure: the letter's frames cut into equal parts of about PART_SECONDS, in order, covering all.
 * The count is a multiple of `side` (the parts rendered at once), so every core gets as many
 * parts and they finish together: with seven parts on two cores, the seventh ran alone while the
 * other core sat idle for its 3.7 s.
 */
export function planParts(totalFrames: number, side = 1, partFrames = PART_SECONDS * FPS): FrameWindow[] {
  const about = Math.max(1, Math.round(totalFrames / partFrames));
  const count = about === 1 ? 1 : Math.ceil(about / side) * side;
  return Array.from({ length: count }, (_, i) => ({
    from: Math.round((i * totalFrames) / count),
    to: Math.round(((i + 1) * totalFrames) / count),
  }));
}

/** The concat demuxer's list of part files, quoted so any path reads back as written. */
export function concatList(files: readonly string[]): string {
  return files.map((f) => `file '${f.replace(/'/g, "'\\''")}'\n`).join('');
}
