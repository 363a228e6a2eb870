import type { RenderJobInfo } from '../backend.js';
import type { RenderRecord } from './project.js';
import type { RenderJob } from './render/jobs.js';

/** A render job as its project remembers it in project.json. */
export function renderRecord(job: RenderJob): RenderRecord {
  return {
    jobId: job.id, key: job.key, status: job.status, quality: job.quality, createdAt: job.createdAt,
    ...(job.finishedAt && { finishedAt: job.finishedAt }),
    ...(job.error && { error: job.error }),
    ...(job.result && { result: job.result }),
  };
}

/**
 * What get_state shows of a render, from its record and, while the render queue still has it,
 * its live job (for the progress). A remembered render that was still queued or rendering and is
 * not in the queue belonged to a server that stopped, so it was interrupted, unless another server
 * process on this home is rendering it now (`elsewhere`: that render's percent).
 */
export function renderJobInfo(record: RenderRecord, live?: RenderJob, elsewhere?: number): RenderJobInfo {
  const stopped = !live && elsewhere === undefined && (record.status === 'queued' || record.status === 'rendering');
  const status = stopped ? 'interrupted' : elsewhere !== undefined ? 'rendering' : record.status;
  const error = stopped ? 'The server stopped before this render finished. Call export_video to render again.' : record.error;
  return {
    jobId: record.jobId, status, quality: record.quality, percent: live?.percent ?? elsewhere ?? (status === 'done' ? 100 : 0), createdAt: record.createdAt,
    ...(record.finishedAt && { finishedAt: record.finishedAt }),
    ...(record.result && { path: record.result.path }),
    ...(record.result?.captionsPath && { captionsPath: record.result.captionsPath }),
    ...(error && { error }),
  };
}
