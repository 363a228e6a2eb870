import { z } from 'zod';

/**
 * The render vocabulary, defined once: what a render is asked for (spec), how it stands (status),
 * at what quality, and what it makes (ExportInfo). Every other shape of a render derives from
 * these: the queue's live job, project.json's record, the cloud's record, the Redis order, and
 * the tools' snake_case outputs (see docs/architecture.md, "The render vocabulary").
 */

/** final: the full 1080p letter. preview: 540p, much faster, for checking. */
export const ExportQuality = z.enum(['final', 'preview']);
export type ExportQuality = z.infer<typeof ExportQuality>;

/**
 * queued and rendering are a render still going (it may be attached to, waited on, cancelled);
 * done wrote the MP4; failed, cancelled and interrupted (its server stopped) wrote none.
 */
export const RenderStatus = z.enum(['queued', 'rendering', 'done', 'failed', 'cancelled', 'interrupted']);
export type RenderStatus = z.infer<typeof RenderStatus>;

export const ActiveStatus = RenderStatus.extract(['queued', 'rendering']);
export type ActiveStatus = z.infer<typeof ActiveStatus>;

/** A render that ended without a video. */
export const EndedStatus = RenderStatus.extract(['cancelled', 'failed', 'interrupted']);
export type EndedStatus = z.infer<typeof EndedStatus>;

/** Whether a render is still going: queued or rendering (a status read off the wire too). */
export function isActive(status: string): status is ActiveStatus {
  return ActiveStatus.safeParse(status).success;
}

/** A finished letter: its MP4 and what was measured of it. */
export const ExportInfo = z.object({
  jobId: z.string(),
  path: z.string(),
  durationSeconds: z.number(),
  sizeBytes: z.number(),
  width: z.number(),
  height: z.number(),
  renderSeconds: z.number(),
  quality: ExportQuality,
  finishedAt: z.string(),
  /** The on-screen text as a .srt beside the MP4 (same base name), when the letter has words. */
  captionsPath: z.string().optional(),
  /** The MP4's sound as measured after the export (EBU R128), when it has sound. */
  loudness: z.object({ integratedLufs: z.number(), truePeakDbtp: z.number() }).optional(),
  /** Over HTTP: expiring links to fetch the MP4 and captions from this server. */
  download: z.object({ url: z.string(), captionsUrl: z.string().optional(), expiresAt: z.string() }).optional(),
});
export type ExportInfo = z.infer<typeof ExportInfo>;

/**
 * What a render is asked to make: which letter, at what quality, and the render key of the letter
 * as it was when the export was asked for (the same timeline, files and quality give the same key,
 * so asking twice attaches instead of rendering twice; a letter changed since reads as another key).
 */
export const RenderSpec = z.object({
  projectId: z.string(),
  key: z.string(),
  quality: ExportQuality,
});
export type RenderSpec = z.infer<typeof RenderSpec>;

/** A render as a queue holds it, live: its spec, how it stands, and its export or error when it ends. */
export const RenderJob = RenderSpec.extend({
  id: z.string(),
  status: RenderStatus,
  /** 0..100 */
  percent: z.number(),
  createdAt: z.string(),
  /** When a renderer began it (ms since the epoch), for the time left. */
  startedAt: z.number().optional(),
  finishedAt: z.string().optional(),
  result: ExportInfo.optional(),
  /** Why it failed or stopped, as a sentence a person can act on. */
  error: z.string().optional(),
});
export type RenderJob = z.infer<typeof RenderJob>;

/** A render as a backend reports it (get_state): the job's standing, with its files once done. */
export const RenderJobInfo = z
  .object({ jobId: z.string() })
  .extend(RenderJob.pick({ status: true, quality: true, percent: true, createdAt: true, finishedAt: true }).shape)
  .extend({
    path: z.string().optional(),
    /** The finished letter's captions (.srt beside the MP4), when it has words. */
    captionsPath: z.string().optional(),
    error: RenderJob.shape.error,
  });
export type RenderJobInfo = z.infer<typeof RenderJobInfo>;

/** Seconds left, from the pace so far; null until there is a pace to go by. */
export function etaSeconds(job: RenderJob, now = Date.now()): number | null {
  if (job.status !== 'rendering' || job.startedAt === undefined || job.percent < 3) return null;
  const elapsed = (now - job.startedAt) / 1000;
  return Math.max(1, Math.round((elapsed / job.percent) * (100 - job.percent)));
}
