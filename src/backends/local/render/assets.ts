import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exists, writeFileAtomic } from '../../../files.js';
import type { Timeline } from '../../../timeline/model.js';
import { trackOf } from '../../../timeline/model.js';
import { encodeWav, synthesizeMusic } from '../music/synth.js';
import { storedFormat } from '../intake/picture.js';
import { closingCard, messageCaption, titleCard, type Overlay } from '../text/cards.js';
import type { RenderAssets } from './compile.js';
import { preparePhoto } from './photos.js';

/** Bump when the look of cards or photos changes, so caches from older versions are not reused. */
const STYLE = 'v1';

export interface AssetPlaces {
  /** Media id → the stored original. */
  mediaPath: (mediaId: string) => string;
  /** This project's cache folder (prepared photos, text cards). */
  projectCache: string;
  /** A cache shared by every project (generated music). */
  sharedCache: string;
}

const digest = (...parts: (string | number)[]) => createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);

async function prepareOverlay(cache: string, kind: string, text: string, width: number, height: number, draw: (t: string, w: number, h: number) => Promise<Overlay>) {
  const base = path.join(cache, 'text', digest(STYLE, kind, text, width, height));
  if (await exists(`${base}.json`)) return JSON.parse(await fs.readFile(`${base}.json`, 'utf8')) as { path: string; x: number; y: number };
  const overlay = await draw(text, width, height);
  await writeFileAtomic(`${base}.png`, overlay.png);
  const placed = { path: `${base}.png`, x: overlay.x, y: overlay.y };
  await writeFileAtomic(`${base}.json`, JSON.stringify(placed));
  return placed;
}

async function prepareMusic(cache: string, mood: string, seconds: number): Promise<string> {
  const target = path.join(cache, 'music', `${STYLE}-${mood}-${Math.round(seconds * 1000)}ms.wav`);
  if (!(await exists(target))) await writeFileAtomic(target, encodeWav(synthesizeMusic(mood, seconds)));
  return target;
}

/** Photos fitted to width x height (cached), and where each clip's file is: the video track's pictures. */
export async function preparePictures(timeline: Timeline, width: number, height: number, places: AssetPlaces): Promise<Pick<RenderAssets, 'photos' | 'clips'>> {
  const shots = trackOf(timeline, 'video')?.segments ?? [];
  const photoShots = shots.filter((s) => s.kind !== 'clip' && s.mediaId);
  const photoFits = [...new Map(photoShots.map((s) => [s.mediaId as string, s.fit ?? 'cover'] as const))];
  const photos = await Promise.all(photoFits.map(async ([id, fit]) => {
    const source = places.mediaPath(id);
    const target = path.join(places.projectCache, 'photos', `${id}-${STYLE}-${fit}-${width}x${height}.jpg`);
    return [id, await preparePhoto(source, storedFormat(source), target, width, height, fit)] as const;
  }));
  // Clips play straight from the stored file; ffmpeg fits them while rendering.
  const clips = shots.filter((s) => s.kind === 'clip' && s.mediaId).map((s) => [s.mediaId as string, places.mediaPath(s.mediaId as string)]);
  return { photos: Object.fromEntries(photos), clips: Object.fromEntries(clips) };
}

/** The title, message lines and closing card drawn for a width x height frame (cached), with when they show. */
export async function prepareOverlays(timeline: Timeline, width: number, height: number, places: AssetPlaces): Promise<RenderAssets['overlays']> {
  const drawers = { title: titleCard, message: messageCaption, closing: closingCard } as const;
  return Promise.all((['title', 'message', 'closing'] as const).flatMap((role) =>
    (trackOf(timeline, role)?.segments ?? []).map(async (seg) => {
      const placed = await prepareOverlay(places.projectCache, role, seg.text ?? seg.label, width, height, drawers[role]);
      return { ...placed, start: seg.start, end: seg.end };
    }),
  ));
}

/**
 * Everything the compiler needs, at the output size, prepared in parallel and cached: an edit to
 * the words does not redo the photos, and a re-export redoes nothing.
 */
export async function prepareAssets(timeline: Timeline, width: number, height: number, places: AssetPlaces): Promise<RenderAssets> {
  const musicSeg = trackOf(timeline, 'music')?.segments[0];
  const musicJob = musicSeg
    ? prepareMusic(places.sharedCache, musicSeg.label.toLowerCase(), timeline.duration).then((p) => ({ path: p, volume: musicSeg.volume ?? 0.35 }))
    : Promise.resolve(undefined);

  const [pictures, overlays, music] = await Promise.all([preparePictures(timeline, width, height, places), prepareOverlays(timeline, width, height, places), musicJob]);
  return { ...pictures, overlays, ...(music && { music }) };
}
