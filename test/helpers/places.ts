import path from 'node:path';
import type { AssetPlaces } from '../../src/backends/local/render/prepare/assets.js';
import { FFMPEG } from './binaries.js';

/**
 * Where a test letter's files are, as the local backend hands them to the renderer: its caches
 * under `dir`, the server's own ffmpeg, and no read-aloud voice (a test letter with spoken lines
 * goes through the backend, which speaks them).
 */
export function placesIn(dir: string, media: Pick<AssetPlaces, 'mediaPath' | 'mediaSeconds'>): AssetPlaces {
  return {
    ...media,
    projectCache: path.join(dir, 'cache'),
    sharedCache: path.join(dir, 'shared'),
    ffmpeg: FFMPEG,
    spokenLines: () => Promise.reject(new Error('a test letter made without the backend has no read-aloud voice')),
  };
}
