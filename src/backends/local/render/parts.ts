import { FPS } from './graph.js';
import type { FrameWindow } from './pictures.js';

/**
 * About how long one part of a letter is. Parts render side by side (one per core) and are
 * cached one by one, so an edit re-renders only the parts it touches; shorter parts cache more
 * finely but each costs a process start and a keyframe.
 */
export const PART_SECONDS = 5;

/** Pure: the letter's frames cut into equal parts of about PART_SECONDS, in order, covering all. */
export function planParts(totalFrames: number, partFrames = PART_SECONDS * FPS): FrameWindow[] {
  const count = Math.max(1, Math.round(totalFrames / partFrames));
  return Array.from({ length: count }, (_, i) => ({
    from: Math.round((i * totalFrames) / count),
    to: Math.round(((i + 1) * totalFrames) / count),
  }));
}

/** The concat demuxer's list of part files, quoted so any path reads back as written. */
export function concatList(files: readonly string[]): string {
  return files.map((f) => `file '${f.replace(/'/g, "'\\''")}'\n`).join('');
}
