import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { inspectFile } from '../../src/backends/local/intake/inspect.js';
import { planLetter } from '../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../src/backends/local/project.js';
import { prepareVisuals, type Visuals } from '../../src/backends/local/render/prepare/assets.js';
import { compile } from '../../src/backends/local/render/compile/compile.js';
import type { RenderTarget } from '../../src/backends/local/render/compile/types.js';
import { runFfmpeg } from '../../src/backends/local/render/run/render-once.js';
import { prepareSound, type Sound } from '../../src/backends/local/render/prepare/sound-assets.js';
import { FRAME_SIZES, type Timeline } from '../../src/core/timeline/model.js';
import { tools } from './binaries.js';
import { placesIn } from './places.js';
import { tempDir } from './server.js';

export { tools };

export interface Rendered {
  path: string;
  timeline: Timeline;
  width: number;
  height: number;
}

export interface Prepared {
  timeline: Timeline;
  /** The photos, clips and text pictures, prepared. */
  visuals: Visuals;
  /** Prepares the sound, when renderLetter asks for it. */
  sound: (signal?: AbortSignal) => Promise<Sound>;
  target: RenderTarget;
  /** A folder for this letter's files: the copies of the media and the caches. */
  dir: string;
}

/**
 * Gets a letter from files ready to render the way the local engine does (inspect, plan,
 * prepare), without the MCP server around it; the sound is prepared when asked for. Music is off
 * unless the settings turn it on.
 */
export async function prepareLetter(
  files: string[],
  settings: Partial<LetterSettings> = {},
  quality: 'preview' | 'final' = 'preview',
  dir = tempDir('vl-render-'),
): Promise<Prepared> {
  const media: StoredMedia[] = [];
  for (const [i, file] of files.entries()) {
    const { text: _t, ...facts } = await inspectFile(file, path.basename(file), tools);
    const id = `m${i}`;
    const storedAs = `${id}.${facts.format}`;
    copyFileSync(file, path.join(dir, storedAs));
    media.push({ id, fileName: path.basename(file), storedAs, uploadedAt: '', ...facts });
  }
  const letter = {
    ...LetterSettings.parse({}),
    music: { enabled: false, volume: 0.35, mood: 'warm' as const },
    ...settings,
  };
  const timeline = planLetter(letter, media);
  const frame = FRAME_SIZES[timeline.aspect];
  const scale = quality === 'preview' ? 0.5 : 1;
  const width = Math.round((frame.width * scale) / 2) * 2;
  const height = Math.round((frame.height * scale) / 2) * 2;
  const places = placesIn(dir, {
    mediaPath: (id: string) => path.join(dir, media.find((m) => m.id === id)?.storedAs ?? id),
    mediaSeconds: (id: string) => media.find((m) => m.id === id)?.durationSeconds ?? 0,
  });
  const visuals = await prepareVisuals(timeline, width, height, places);
  await visuals.ready();
  const sound = (signal?: AbortSignal) => prepareSound(timeline, places, signal);
  return {
    timeline,
    visuals,
    sound,
    dir,
    target: { path: path.join(dir, 'letter.mp4'), width, height, quality, motion: tools.motion },
  };
}

/** Makes a letter from files in one ffmpeg pass, so a test can look at what the pictures became. */
export async function renderLetter(
  files: string[],
  settings: Partial<LetterSettings> = {},
  quality: 'preview' | 'final' = 'preview',
): Promise<Rendered> {
  const { timeline, visuals, sound, target } = await prepareLetter(files, settings, quality);
  await runFfmpeg(tools.ffmpeg, compile(timeline, { ...visuals, ...(await sound()) }, target), {
    durationSeconds: timeline.duration,
  });
  return { path: target.path, timeline, width: target.width, height: target.height };
}
