import path from 'node:path';
import type { Timeline } from '../../core/timeline/model.js';
import { sharedCache, type Engine } from './engine.js';
import { splitMessage } from './plan/pacing.js';
import { planLetter } from './plan/plan.js';
import type { LetterSettings, ProjectRecord, StoredMedia } from './project.js';
import type { AssetPlaces } from './render/prepare/assets.js';
import { narrateLines } from './voice/narrate.js';

/** The letter's timeline; a message read aloud is spoken first (cached), since its speech sets the captions' times. */
export async function planTimeline(engine: Engine, settings: LetterSettings, media: StoredMedia[]): Promise<Timeline> {
  const lines = settings.narration ? splitMessage(settings.message) : [];
  if (lines.length === 0) return planLetter(settings, media);
  const spoken = await narrateLines(lines, settings.pace, sharedCache(engine));
  return planLetter(
    settings,
    media,
    spoken.map((line) => line.seconds),
  );
}

/** The project's letter as generated, or planned now from its settings when it was not generated yet. */
export async function timelineOf(engine: Engine, record: ProjectRecord): Promise<Timeline> {
  return record.timeline ?? (await planTimeline(engine, record.letter, record.media));
}

/** Where a project's media, caches and tools are, for preparing its assets. */
export function assetPlaces(engine: Engine, record: ProjectRecord): AssetPlaces {
  const { store } = engine;
  return {
    mediaPath: (id: string) =>
      path.join(store.mediaDir(record.id), record.media.find((m) => m.id === id)?.storedAs ?? id),
    mediaSeconds: (id: string) => record.media.find((m) => m.id === id)?.durationSeconds ?? 0,
    projectCache: store.cacheDir(record.id),
    sharedCache: sharedCache(engine),
    ffmpeg: engine.ffmpeg.ffmpeg,
    spokenLines: (lines: string[], signal?: AbortSignal) =>
      narrateLines(lines, record.letter.pace, sharedCache(engine), signal),
  };
}
