import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { LetterChange } from '../../core/backend.js';
import type { FfmpegTools } from './render/run/locate-ffmpeg.js';
import type { ProjectStore } from './store.js';

/** What the local engine's parts share: settings, the log, ffmpeg, the projects and the change feed. */
export interface Engine {
  readonly config: Config;
  readonly log: Logger;
  readonly ffmpeg: FfmpegTools;
  readonly store: ProjectStore;
  /** Tells resource subscribers that a letter changed. */
  changed(projectId: string, kind: LetterChange['kind']): void;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** A cache shared by every letter: built-in music, spoken lines. */
export function sharedCache(engine: Engine): string {
  return path.join(engine.config.home, 'cache');
}
