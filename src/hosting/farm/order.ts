import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RenderSpec } from '../../core/render.js';

/** The BullMQ queue every server and worker of one installation shares. */
export const RENDER_QUEUE = 'video-letter-renders';
/** Where servers tell workers to stop a render (Redis pub/sub), and the key that says so to a worker that has not begun it yet. */
export const CANCEL_CHANNEL = 'video-letter:cancel';
export const cancelKey = (jobId: string) => `video-letter:cancel:${jobId}`;

/**
 * A render as it travels through Redis: which letter, at what quality, and the render key of the
 * letter as it was when export_video was called. Folders are relative to VIDEO_LETTER_HOME, so a
 * worker on another machine may mount the shared folder somewhere else.
 */
export const RenderOrder = RenderSpec.extend({
  /** The letter's owner's folder (`.` with one person, `people/<id>` in hosted mode). */
  home: z.string(),
  outputDir: z.string(),
});
export type RenderOrder = z.infer<typeof RenderOrder>;

/**
 * The job's id in Redis: the same for the same letter at the same key, so a second export of it,
 * from this server or another, attaches to the first (BullMQ adds no job under an id it holds).
 */
export function orderJobId(order: RenderOrder): string {
  return `r_${createHash('sha256')
    .update(JSON.stringify([order.home, order.projectId, order.key]))
    .digest('hex')
    .slice(0, 12)}`;
}
