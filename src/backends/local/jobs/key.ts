import { createHash } from 'node:crypto';
import type { Timeline } from '../../../timeline/model.js';
import type { StoredMedia } from '../project.js';

/**
 * What a render depends on: the timeline, the stored files it uses and the quality. Two exports
 * with the same key make the same video, so the second attaches to the first.
 */
export function renderKey(timeline: Timeline, media: StoredMedia[], quality: string): string {
  const used = new Set(timeline.tracks.flatMap((t) => t.segments.map((s) => s.mediaId)).filter(Boolean));
  const files = media.filter((m) => used.has(m.id)).map((m) => m.storedAs).sort();
  return createHash('sha256').update(JSON.stringify({ timeline, files, quality })).digest('hex').slice(0, 24);
}
