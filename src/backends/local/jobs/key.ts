import { createHash } from 'node:crypto';
import type { Timeline } from '../../../core/timeline/model.js';
import { VERSION } from '../../../version.js';
import type { StoredMedia } from '../project.js';
import { STYLE } from '../render/prepare/assets.js';

/** This renderer: the package's version and the style of its cards and photos. */
export const RENDERER = `${VERSION}/${STYLE}`;

/**
 * What a render depends on: the timeline, the stored files it uses, the quality, and what makes
 * the pictures and sound from them: this renderer's version (with its cards' and photos' style)
 * and the ffmpeg build (its `-version` line). Two exports with the same key make the same video,
 * so the second attaches to the first; after an upgrade of either, a letter is rendered anew.
 */
export function renderKey(
  timeline: Timeline,
  media: StoredMedia[],
  quality: string,
  ffmpegBuild: string,
  renderer = RENDERER,
): string {
  const used = new Set(timeline.tracks.flatMap((t) => t.segments.map((s) => s.mediaId)).filter(Boolean));
  const files = media
    .filter((m) => used.has(m.id))
    .map((m) => m.storedAs)
    .sort();
  return createHash('sha256')
    .update(JSON.stringify({ timeline, files, quality, renderer, ffmpeg: ffmpegBuild }))
    .digest('hex')
    .slice(0, 24);
}
