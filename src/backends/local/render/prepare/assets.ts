import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { exists, writeFileAtomic } from '../../../../files.js';
import type { Fit, Segment, Timeline } from '../../../../core/timeline/model.js';
import { FRAME_SIZES, trackOf } from '../../../../core/timeline/model.js';
import { storedFormat } from '../../intake/picture.js';
import type { Overlay } from '../../text/cards.js';
import { cardPool } from '../../text/card-pool.js';
import type { RenderAssets } from '../compile/types.js';
import { digest } from './digest.js';
import type { Framing } from './photos.js';
import { runInHelper } from './helper.js';
import type { SpokenLine } from '../../voice/narrate.js';

/** Bump when the look of cards or photos changes, so caches from older versions are not reused. */
export const STYLE = 'v3';

export interface AssetPlaces {
  /** Media id → the stored original. */
  mediaPath: (mediaId: string) => string;
  /** Media id → its length in seconds (for audio and clips). */
  mediaSeconds: (mediaId: string) => number;
  /** This project's cache folder (prepared photos, text cards). */
  projectCache: string;
  /** A cache shared by every project (generated music). */
  sharedCache: string;
  /** The ffmpeg that fits uploaded music and measures loudness. */
  ffmpeg: string;
  /** Lines of the message spoken by the letter's synthesized voice (see voice/narrate.ts). */
  spokenLines: (lines: string[], signal?: AbortSignal) => Promise<SpokenLine[]>;
}

/** The video track's pictures at the output size: photos (perhaps still being fitted) and clips. */
export interface Pictures extends Pick<RenderAssets, 'photos' | 'clips'> {
  /**
   * Resolves once every photo among `files` (all of them when left out) is fitted and in place;
   * any other file is taken as ready. Rejects if the fitting failed.
   */
  ready: (files?: readonly string[]) => Promise<void>;
}

/** What the pictures of the letter are made from: photos, clips and text, at the output size. */
export type Visuals = Pictures & Pick<RenderAssets, 'overlays'>;

async function prepareOverlay(
  cache: string,
  kind: string,
  text: string,
  width: number,
  height: number,
  draw: (t: string, w: number, h: number) => Promise<Overlay>,
) {
  const base = path.join(cache, 'text', digest(STYLE, kind, text, width, height));
  // The picture is beside its record, wherever this machine mounts the shared folder: the path
  // written there may be another worker's.
  if (await exists(`${base}.json`))
    return {
      ...(JSON.parse(await fs.readFile(`${base}.json`, 'utf8')) as { x: number; y: number }),
      path: `${base}.png`,
    };
  const overlay = await draw(text, width, height);
  await writeFileAtomic(`${base}.png`, overlay.png);
  const placed = { path: `${base}.png`, x: overlay.x, y: overlay.y };
  await writeFileAtomic(`${base}.json`, JSON.stringify(placed));
  return placed;
}

/** Clips play straight from the stored file; ffmpeg fits them while rendering. */
export function clipFiles(timeline: Timeline, places: AssetPlaces): RenderAssets['clips'] {
  const clips = (trackOf(timeline, 'video')?.segments ?? []).filter((s) => s.kind === 'clip' && s.mediaId);
  return Object.fromEntries(clips.map((s) => [s.mediaId as string, places.mediaPath(s.mediaId as string)]));
}

/**
 * Photos fitted to width x height (cached), and where each clip's file is: the video track's
 * pictures. The fitting happens in a helper process (see runInHelper), in the order the letter
 * shows the photos, and goes on after this returns: `ready` tells when a photo is there, so the
 * first part of a render can start while the last photos are fitted. A smaller frame of the
 * letter's shape (a preview, a storyboard) is made from the full-size photos when they are there.
 */
export async function preparePictures(
  timeline: Timeline,
  width: number,
  height: number,
  places: AssetPlaces,
  signal?: AbortSignal,
  atOnce = availableParallelism(),
): Promise<Pictures> {
  const shots = (trackOf(timeline, 'video')?.segments ?? []).filter((s) => s.kind !== 'clip' && s.mediaId);
  const framings = new Map(shots.map((s) => [s.mediaId as string, framingOf(s)]));
  const fits = [...new Map(shots.map((s) => [s.mediaId as string, s.fit ?? 'cover'] as const))];
  const file = (id: string, fit: Fit, w: number, h: number) =>
    path.join(places.projectCache, 'photos', `${id}-${STYLE}-${fit}${framingKey(framings.get(id))}-${w}x${h}.jpg`);
  const full = FRAME_SIZES[timeline.aspect];
  const smaller = width < full.width && width * full.height === height * full.width;
  const missing = (
    await Promise.all(
      fits.map(async ([id, fit]) => {
        const target = file(id, fit, width, height);
        if (await exists(target)) return undefined;
        const fitted = file(id, fit, full.width, full.height);
        if (smaller && (await exists(fitted))) return { target, job: { fitted, width, height } };
        const original = places.mediaPath(id);
        const framing = framings.get(id);
        return {
          target,
          job: { original, format: storedFormat(original), fit, width, height, ...(framing && { framing }) },
        };
      }),
    )
  ).filter((m) => m !== undefined);
  const photos = Object.fromEntries(fits.map(([id, fit]) => [id, file(id, fit, width, height)]));
  const fitting = new Map(missing.map((m) => [m.target, settleable()]));
  if (missing.length > 0) {
    runInHelper(
      'fitPhotos',
      { jobs: missing.map((m) => m.job), atOnce },
      missing.map((m) => m.target),
      signal,
      (f) => fitting.get(f)?.resolve(),
    ).then(
      () => fitting.forEach((f) => f.resolve()),
      (e: unknown) => fitting.forEach((f) => f.reject(e)),
    );
  }
  const ready = async (files: readonly string[] = Object.values(photos)) => {
    await Promise.all(files.flatMap((f) => fitting.get(f)?.promise ?? []));
  };
  return { photos, clips: clipFiles(timeline, places), ready };
}

/** A shot's framing as the photo fitting wants it: the person's turn and the planned crop. */
function framingOf(shot: Segment): Framing | undefined {
  const crop = shot.fit !== 'contain' ? shot.crop : undefined;
  if (!shot.rotation && !crop) return undefined;
  return { ...(shot.rotation && { rotation: shot.rotation }), ...(crop && { crop }) };
}

/** The framing in the fitted file's name, so each framing is fitted (and cached) once. */
const framingKey = (framing?: Framing) => {
  if (!framing) return '';
  const c = framing.crop;
  return `-r${framing.rotation ?? 0}${c ? `-c${c.x}_${c.y}_${c.width}_${c.height}` : ''}`;
};

/** A promise settled from outside; one that fails with nobody waiting for it is not an unhandled rejection. */
function settleable() {
  let resolve: () => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** The title, message lines and closing card drawn for a width x height frame (cached), with when they show. */
export async function prepareOverlays(
  timeline: Timeline,
  width: number,
  height: number,
  places: AssetPlaces,
): Promise<RenderAssets['overlays']> {
  const position = timeline.textPosition ?? 'bottom';
  const looks = timeline.looks ?? {};
  const drawers = {
    // Drawn on the card threads: the server's own thread stays free for everyone's calls.
    title: (t: string, w: number, h: number) => cardPool.draw('titleCard', t, w, h, looks.title),
    message: (t: string, w: number, h: number) => cardPool.draw('messageCaption', t, w, h, position, looks.captions),
    closing: (t: string, w: number, h: number) => cardPool.draw('closingCard', t, w, h, looks.closing),
  } as const;
  // A look the person chose names its cards apart from the usual ones.
  const lookKey = (role: 'title' | 'closing' | 'captions') => {
    const look = looks[role];
    return look ? `-${look.font}-${look.size}-${look.colour}-${look.backing}` : '';
  };
  return Promise.all(
    (['title', 'message', 'closing'] as const).flatMap((role) =>
      (trackOf(timeline, role)?.segments ?? []).map(async (seg) => {
        const kind = role === 'message' ? `message-${position}${lookKey('captions')}` : `${role}${lookKey(role)}`;
        const placed = await prepareOverlay(
          places.projectCache,
          kind,
          seg.text ?? seg.label,
          width,
          height,
          drawers[role],
        );
        return { ...placed, start: seg.start, end: seg.end };
      }),
    ),
  );
}

/**
 * What the parts need, at the output size, prepared side by side and cached: an edit to the words
 * does not redo the photos, and a re-export redoes nothing. Photos are fitted one at a time: the
 * parts render beside the fitting on every core, so a second photo at once would hold 40 MB more
 * (a 3-minute letter's peak 991 instead of 961 MB) for no time saved.
 */
export async function prepareVisuals(
  timeline: Timeline,
  width: number,
  height: number,
  places: AssetPlaces,
  signal?: AbortSignal,
): Promise<Visuals> {
  const [pictures, overlays] = await Promise.all([
    preparePictures(timeline, width, height, places, signal, 1),
    prepareOverlays(timeline, width, height, places),
  ]);
  return { ...pictures, overlays };
}
