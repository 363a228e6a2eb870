import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exists, tempSibling, writeFileAtomic } from '../../../files.js';
import type { Fit, Timeline } from '../../../timeline/model.js';
import { FRAME_SIZES, trackOf } from '../../../timeline/model.js';
import { storedFormat } from '../intake/picture.js';
import { closingCard, messageCaption, titleCard, type Overlay } from '../text/cards.js';
import { fitMusicArgs } from '../music/uploaded.js';
import type { RenderAssets } from './compile.js';
import { measureLoudness } from './loudness.js';
import { DEFAULT_MUSIC_VOLUME, type LoudnessMeasurement } from './mix.js';
import { runFfmpeg } from './run.js';
import { hasSound } from './sound.js';
import { runInHelper } from './helper.js';

/** Bump when the look of cards or photos changes, so caches from older versions are not reused. */
const STYLE = 'v2';

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

async function prepareBuiltInMusic(cache: string, mood: string, seconds: number): Promise<string> {
  const target = path.join(cache, 'music', `${STYLE}-${mood}-${Math.round(seconds * 1000)}ms.wav`);
  if (!(await exists(target))) await runInHelper('synthesizeMusic', { mood, seconds }, [target]);
  return target;
}

async function prepareUploadedMusic(ffmpeg: string, source: string, cache: string, mediaId: string, songSeconds: number, seconds: number): Promise<string> {
  const target = path.join(cache, 'music', `${mediaId}-${STYLE}-${Math.round(seconds * 1000)}ms.wav`);
  if (await exists(target)) return target;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const partial = tempSibling(target);
  try {
    await runFfmpeg(ffmpeg, fitMusicArgs(source, songSeconds, seconds, partial), { durationSeconds: seconds });
    await fs.rename(partial, target);
  } finally {
    await fs.rm(partial, { force: true });
  }
  return target;
}

/** The first loudness pass, cached by everything that shapes the sound. */
async function prepareLoudness(ffmpeg: string, cache: string, timeline: Timeline, assets: RenderAssets): Promise<LoudnessMeasurement> {
  const audio = timeline.tracks.filter((t) => t.type === 'audio');
  const file = path.join(cache, 'loudness', `${digest(STYLE, timeline.duration, JSON.stringify(audio), JSON.stringify(assets.music ?? null), JSON.stringify(assets.voice ?? null))}.json`);
  if (await exists(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as LoudnessMeasurement;
  const measured = await measureLoudness(ffmpeg, timeline, assets);
  await writeFileAtomic(file, JSON.stringify(measured));
  return measured;
}

/**
 * Photos fitted to width x height (cached), and where each clip's file is: the video track's
 * pictures. The fitting happens in a helper process (see runInHelper). A smaller frame of the
 * letter's shape (a preview, a storyboard) is made from the full-size photos when they are there.
 */
export async function preparePictures(timeline: Timeline, width: number, height: number, places: AssetPlaces, signal?: AbortSignal): Promise<Pick<RenderAssets, 'photos' | 'clips'>> {
  const shots = trackOf(timeline, 'video')?.segments ?? [];
  const fits = [...new Map(shots.filter((s) => s.kind !== 'clip' && s.mediaId).map((s) => [s.mediaId as string, s.fit ?? 'cover'] as const))];
  const file = (id: string, fit: Fit, w: number, h: number) => path.join(places.projectCache, 'photos', `${id}-${STYLE}-${fit}-${w}x${h}.jpg`);
  const full = FRAME_SIZES[timeline.aspect];
  const smaller = width < full.width && width * full.height === height * full.width;
  const missing = (await Promise.all(fits.map(async ([id, fit]) => {
    const target = file(id, fit, width, height);
    if (await exists(target)) return undefined;
    const fitted = file(id, fit, full.width, full.height);
    if (smaller && (await exists(fitted))) return { target, job: { fitted, width, height } };
    const original = places.mediaPath(id);
    return { target, job: { original, format: storedFormat(original), fit, width, height } };
  }))).filter((m) => m !== undefined);
  if (missing.length > 0) await runInHelper('fitPhotos', missing.map((m) => m.job), missing.map((m) => m.target), signal);
  // Clips play straight from the stored file; ffmpeg fits them while rendering.
  const clips = shots.filter((s) => s.kind === 'clip' && s.mediaId).map((s) => [s.mediaId as string, places.mediaPath(s.mediaId as string)]);
  return { photos: Object.fromEntries(fits.map(([id, fit]) => [id, file(id, fit, width, height)])), clips: Object.fromEntries(clips) };
}

/** The title, message lines and closing card drawn for a width x height frame (cached), with when they show. */
export async function prepareOverlays(timeline: Timeline, width: number, height: number, places: AssetPlaces): Promise<RenderAssets['overlays']> {
  const position = timeline.textPosition ?? 'bottom';
  const drawers = { title: titleCard, message: (t: string, w: number, h: number) => messageCaption(t, w, h, position), closing: closingCard } as const;
  return Promise.all((['title', 'message', 'closing'] as const).flatMap((role) =>
    (trackOf(timeline, role)?.segments ?? []).map(async (seg) => {
      const kind = role === 'message' ? `message-${position}` : role;
      const placed = await prepareOverlay(places.projectCache, kind, seg.text ?? seg.label, width, height, drawers[role]);
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
  const musicJob = async () => {
    if (!musicSeg) return undefined;
    const file = musicSeg.mediaId
      ? await prepareUploadedMusic(places.ffmpeg, places.mediaPath(musicSeg.mediaId), places.projectCache, musicSeg.mediaId, places.mediaSeconds(musicSeg.mediaId), timeline.duration)
      : await prepareBuiltInMusic(places.sharedCache, musicSeg.label.toLowerCase(), timeline.duration);
    return { path: file, volume: musicSeg.volume ?? DEFAULT_MUSIC_VOLUME };
  };
  const voiceSeg = trackOf(timeline, 'voice')?.segments[0];
  const voice = voiceSeg?.mediaId ? { path: places.mediaPath(voiceSeg.mediaId), start: voiceSeg.start, volume: voiceSeg.volume ?? 1 } : undefined;

  const [pictures, overlays, music] = await Promise.all([preparePictures(timeline, width, height, places), prepareOverlays(timeline, width, height, places), musicJob()]);
  const assets: RenderAssets = { ...pictures, overlays, ...(music && { music }), ...(voice && { voice }) };
  return hasSound(timeline, assets) ? { ...assets, loudness: await prepareLoudness(places.ffmpeg, places.projectCache, timeline, assets) } : assets;
}
