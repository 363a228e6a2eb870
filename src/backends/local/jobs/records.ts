import type { ExportInfo, RenderJobInfo } from '../../backend.js';
import type { Engine } from '../engine.js';
import type { ProjectRecord, RenderRecord } from '../project.js';
import type { RenderJob } from './render-queue.js';

const MAX_REMEMBERED_RENDERS = 10;

/** A render's turning points, for the log and for clients following it as MCP log messages. */
function logMilestone(engine: Engine, job: RenderJob): void {
  const at = { projectId: job.projectId, jobId: job.id, quality: job.quality };
  if (job.status === 'rendering') engine.log.info(at, 'render started');
  else if (job.status === 'failed') engine.log.warn({ ...at, error: job.error }, 'render failed');
  else if (job.status === 'cancelled') engine.log.info(at, 'render cancelled');
}

/**
 * Mirrors a job's status into project.json, so get_state and a restarted server know it. Renders
 * stopped by a shutdown (`closing`) stay recorded as running, so a restart reports them interrupted.
 */
export async function mirrorJob(engine: Engine, job: RenderJob, closing: boolean): Promise<void> {
  logMilestone(engine, job);
  if (closing) return;
  const entry: RenderRecord = {
    jobId: job.id, key: job.key, status: job.status, quality: job.quality, createdAt: job.createdAt,
    ...(job.finishedAt && { finishedAt: job.finishedAt }),
    ...(job.error && { error: job.error }),
    ...(job.result && { result: job.result }),
  };
  try {
    await engine.store.update(job.projectId, async (r) => ({
      record: {
        ...r,
        renders: [...r.renders.filter((x) => x.jobId !== job.id), entry].slice(-MAX_REMEMBERED_RENDERS),
        lastExport: job.status === 'done' && job.result ? job.result : r.lastExport,
      },
      result: undefined,
    }));
    engine.changed(job.projectId, job.status === 'done' ? 'exported' : 'render');
  } catch (e) {
    engine.log.error({ err: e, jobId: job.id }, 'could not save render status');
  }
}

/**
 * The project's renders: live ones from the queue; remembered ones from project.json, where one
 * that was still queued or rendering belonged to a server that stopped, so it was interrupted.
 */
export function renderJobs(record: ProjectRecord, live: RenderJob[]): RenderJobInfo[] {
  const remembered = record.renders.filter((r) => !live.some((j) => j.id === r.jobId)).map((r): RenderJobInfo => {
    const status = r.status === 'queued' || r.status === 'rendering' ? 'interrupted' : r.status;
    const error = status === 'interrupted' ? 'The server stopped before this render finished. Call export_video to render again.' : r.error;
    return {
      jobId: r.jobId, status, quality: r.quality, percent: status === 'done' ? 100 : 0, createdAt: r.createdAt,
      ...(r.finishedAt && { finishedAt: r.finishedAt }),
      ...(r.result && { path: r.result.path }),
      ...(r.result?.captionsPath && { captionsPath: r.result.captionsPath }),
      ...(error && { error }),
    };
  });
  const current = live.map((j): RenderJobInfo => ({
    jobId: j.id, status: j.status, quality: j.quality, percent: j.percent, createdAt: j.createdAt,
    ...(j.finishedAt && { finishedAt: j.finishedAt }),
    ...(j.result && { path: j.result.path }),
    ...(j.result?.captionsPath && { captionsPath: j.result.captionsPath }),
    ...(j.error && { error: j.error }),
  }));
  return [...remembered, ...current].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The newest finished export: the queue knows of a render that just finished before project.json records it. */
export function lastExport(record: ProjectRecord, live: RenderJob[]): ExportInfo | null {
  const done = [record.lastExport, ...live.filter((j) => j.status === 'done').map((j) => j.result)].filter((e): e is ExportInfo => !!e);
  return done.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)).at(-1) ?? null;
}
