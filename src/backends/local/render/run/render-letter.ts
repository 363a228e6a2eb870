import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import { tempSibling, writeFileAtomic } from '../../../../files.js';
import type { Timeline } from '../../../../core/timeline/model.js';
import { compileJoin, compilePart, compileSound } from '../compile/compile-parts.js';
import type { Visuals } from '../prepare/assets.js';
import { compile } from '../compile/compile.js';
import type { RenderTarget } from '../compile/types.js';
import { FPS, frames } from '../compile/graph.js';
import { concatList, partFrames, planParts } from '../compile/parts.js';
import type { FrameWindow } from '../compile/pictures.js';
import { renderOnce, runFfmpeg, type PartRenderer } from './render-once.js';
import type { Sound } from '../prepare/sound-assets.js';

export interface LetterRenderOptions {
  ffmpeg: string;
  /** The ffmpeg build, part of every cache key: another build may encode differently. */
  ffmpegVersion: string;
  /** Where rendered parts are kept between exports (the project's cache). */
  cacheDir: string;
  /** Parts rendered at once; one per core keeps both the filters and x264 busy. */
  concurrency: number;
  /** Cores the render may use, shared out among the parts running at once. */
  cores: number;
  /** Frames in a part: partFrames(target.quality) unless said. */
  partFrames?: number;
  /**
   * Where each part renders: on this machine, `concurrency` at a time, unless said. A renderer
   * elsewhere (the render workers' parts queue) is handed every part as soon as its photos are
   * ready: the queue shares them out to whichever worker has a free core.
   */
  renderPart?: PartRenderer;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
}

export interface LetterRenderReport {
  parts: number;
  /** Parts taken from the cache because nothing in them changed. */
  reused: number;
}

/** The share of the progress bar the parts take; joining them under the sound is the rest. */
const PARTS_SHARE = 95;
const PLACEHOLDER = '<part>';
const SOUND = 'sound-';

const digest = (parts: readonly string[]) => createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 20);

/**
 * Renders the letter as parts of a few seconds, side by side on the cores, and its sound as one
 * more job among them, then puts them together without re-encoding anything. Each part and the
 * sound are cached under a key made of their own ffmpeg arguments (which name every prepared
 * photo, text picture and sound file, and how they are used), so a re-export after changing the
 * music renders only the sound, and one after changing a line of text re-renders only the parts
 * where that line is on screen. Files of earlier versions of the letter at this size and quality
 * are removed once the new letter is written.
 *
 * The sound (its music, loudness pass and encoding, `sound` preparing its files) starts once
 * every photo is fitted, beside the parts but outside their queue, so the parts share out evenly
 * over the cores. It waits for the photos to keep memory down: the helper fitting photos, the one
 * synthesizing music and the sound's ffmpeg each hold 60 to 200 MB, and all three beside two
 * parts took a 3-minute letter over 1 GB. A part starts as soon as its own photos are fitted.
 */
export async function renderLetter(
  timeline: Timeline,
  pictures: (signal: AbortSignal) => Promise<Visuals>,
  sound: (signal: AbortSignal) => Promise<Sound>,
  target: RenderTarget,
  options: LetterRenderOptions,
): Promise<LetterRenderReport> {
  // One failed job stops the others: the letter cannot be put together without it.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const windows = planParts(
    frames(timeline.duration),
    options.concurrency,
    options.partFrames ?? partFrames(target.quality),
  );
  if (windows.length === 1) {
    // Too short to share out: one pass, sound included, is quicker than a part and a join.
    const [visuals, prepared] = await Promise.all([pictures(signal), sound(signal)]);
    await visuals.ready();
    const assets = { ...visuals, ...prepared };
    await runFfmpeg(options.ffmpeg, compile(timeline, assets, target), {
      durationSeconds: timeline.duration,
      signal,
      onProgress: options.onProgress,
    });
    return { parts: 1, reused: 0 };
  }
  const dir = path.join(options.cacheDir, 'parts');
  await fs.mkdir(dir, { recursive: true });
  const family = `${target.width}x${target.height}-${target.quality}-`;
  const concurrency = Math.max(1, Math.min(options.concurrency, windows.length));
  const threads = Math.max(1, Math.floor(options.cores / concurrency));

  const totalFrames = windows.reduce((sum, w) => sum + w.to - w.from, 0);
  const done = new Map<FrameWindow, number>();
  const report = () => {
    const frames = [...done.values()].reduce((a, b) => a + b, 0);
    options.onProgress?.(Math.floor((frames / totalFrames) * PARTS_SHARE));
  };

  const partRenderer: PartRenderer =
    options.renderPart ?? ((file, argsFor, run) => renderOnce(options.ffmpeg, file, argsFor, run));
  const queue = new PQueue({ concurrency: options.renderPart ? Infinity : concurrency });
  let reused = 0;
  // Each part is compiled when its turn comes: the 3-minute letter's 36 graphs take ~0.3 s to
  // build, which would otherwise all come before the first part starts.
  const renderPart = async (visuals: Visuals, window: FrameWindow) => {
    const args = compilePart(timeline, visuals, { ...target, path: PLACEHOLDER }, window, threads);
    const file = path.join(dir, `${family}${digest([options.ffmpegVersion, ...args])}.mp4`);
    const count = window.to - window.from;
    // A part starts as soon as its own photos are fitted, while the helper fits the later ones.
    await visuals.ready(args.filter((_, i) => args[i - 1] === '-i'));
    const fresh = await partRenderer(file, (partial) => args.map((a) => (a === PLACEHOLDER ? partial : a)), {
      durationSeconds: count / FPS,
      signal,
      onProgress: (percent) => {
        done.set(window, (percent / 100) * count);
        report();
      },
    });
    if (!fresh) reused++;
    done.set(window, count);
    report();
    return file;
  };
  const renderSound = async () => {
    const assets = { photos: {}, overlays: [], ...(await sound(signal)) };
    // The sound is the same at every size and quality: a preview and the final letter share it.
    const file = path.join(
      dir,
      `${SOUND}${digest([options.ffmpegVersion, ...compileSound(timeline, assets, PLACEHOLDER)])}.m4a`,
    );
    await renderOnce(options.ffmpeg, file, (partial) => compileSound(timeline, assets, partial), {
      durationSeconds: timeline.duration,
      signal,
    });
    return file;
  };
  const picturesDone = pictures(signal);
  const soundDone = picturesDone.then((visuals) => visuals.ready()).then(renderSound);
  // A failed sound stops the parts at once (and counts as handled while the pictures are prepared).
  soundDone.catch(() => stop.abort());
  let soundFile: string;
  let partFiles: string[];
  try {
    const visuals = await picturesDone;
    [soundFile, ...partFiles] = await Promise.all([
      soundDone,
      ...windows.map((w) => queue.add(() => renderPart(visuals, w))),
    ]);
  } catch (e) {
    stop.abort();
    // Everything started has stopped and cleaned up after itself before the failure is told.
    await Promise.allSettled([soundDone, queue.onIdle(), picturesDone.then((v) => v.ready())]);
    throw e;
  }

  const list = tempSibling(path.join(dir, 'parts.txt'));
  await writeFileAtomic(list, concatList(partFiles));
  try {
    await runFfmpeg(options.ffmpeg, compileJoin(list, soundFile, target), {
      durationSeconds: timeline.duration,
      signal,
    });
  } finally {
    await fs.rm(list, { force: true });
  }
  await removeOthers(dir, family, new Set(partFiles.map((f) => path.basename(f))));
  await removeOthers(dir, SOUND, new Set([path.basename(soundFile)]));
  return { parts: partFiles.length, reused };
}

/** Keeps the cache to one letter's files of a family (its parts at one size and quality, or its sound). */
async function removeOthers(dir: string, family: string, keep: ReadonlySet<string>): Promise<void> {
  const names = await fs.readdir(dir);
  await Promise.all(
    names
      .filter((n) => n.startsWith(family) && /\.(mp4|m4a)$/.test(n) && !keep.has(n))
      .map((n) => fs.rm(path.join(dir, n), { force: true })),
  );
}
