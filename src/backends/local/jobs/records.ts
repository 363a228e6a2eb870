import { isActive, type ExportInfo, type RenderJob, type RenderJobInfo } from '../../../core/render.js';
import type { Engine } from '../engine.js';
import type { ProjectRecord, RenderRecord } from '../project.js';

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
  const entry = renderRecord(job);
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

/** A render job as its project remembers it in project.json. */
export function renderRecord(job: RenderJob): RenderRecord {
  return {
    jobId: job.id,
    key: job.key,
    status: job.status,
    quality: job.quality,
    createdAt: job.createdAt,
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
  const stopped = !live && elsewhere === undefined && isActive(record.status);
  const status = stopped ? 'interrupted' : elsewhere !== undefined ? 'rendering' : record.status;
  const error = stopped
    ? 'The server stopped before this render finished. Call export_video to render again.'
    : record.error;
  return {
    jobId: record.jobId,
    status,
    quality: record.quality,
    percent: live?.percent ?? elsewhere ?? (status === 'done' ? 100 : 0),
    createdAt: record.createdAt,
    ...(record.finishedAt && { finishedAt: record.finishedAt }),
    ...(record.result && { path: record.result.path }),
    ...(record.result?.captionsPath && { captionsPath: record.result.captionsPath }),
    ...(error && { error }),
  };
}

/**
 * The project's renders: live ones from the queue, the others as project.json remembers them.
 * `elsewhere` gives the percent of a render another server process on this home is running now.
 */
export function renderJobs(
  record: ProjectRecord,
  live: RenderJob[],
  elsewhere: (key: string) => number | undefined,
): RenderJobInfo[] {
  const remembered = record.renders
    .filter((r) => !live.some((j) => j.id === r.jobId))
    .map((r) => renderJobInfo(r, undefined, isActive(r.status) ? elsewhere(r.key) : undefined));
  const current = live.map((j) => renderJobInfo(renderRecord(j), j));
  return [...remembered, ...current].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The newest finished export: the queue knows of a render that just finished before project.json records it. */
export function lastExport(record: ProjectRecord, live: RenderJob[]): ExportInfo | null {
  const done = [record.lastExport, ...live.filter((j) => j.status === 'done').map((j) => j.result)].filter(
    (e): e is ExportInfo => !!e,
  );
  return done.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)).at(-1) ?? null;
}
