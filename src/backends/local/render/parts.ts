import { FPS } from './graph.js';
import type { FrameWindow } from './pictures.js';

/**
 * About how long one part of a letter is. Parts render side by side (one per core) and are
 * cached one by one, so an edit re-renders only the parts it touches; shorter parts cache more
 * finely but each costs a process start and a keyframe. The last parts to finish decide the
 * wait: with 5 s parts a 30 s letter's six parts and its sound left one core idle for the last
 * 2.8 s; 4 s parts (seven, plus the sound) share out within a second.
 */
export const PART_SECONDS = 4;

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
