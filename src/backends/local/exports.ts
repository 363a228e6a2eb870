import { exists } from '../../files.js';
import { LetterError } from '../../core/errors.js';
import type { CallContext, ExportOptions, ExportResult } from '../../core/backend.js';
import { etaSeconds, isActive, type ExportInfo, type RenderJob, type RenderJobInfo } from '../../core/render.js';
import type { Engine } from './engine.js';
import { renderKey } from './jobs/key.js';
import { lastExport, mirrorJob, renderJobs } from './jobs/records.js';
import { renderingElsewhere, renderOncePerHome } from './jobs/once-per-home.js';
import type { RenderJobs, RenderLetter } from './jobs/queue.js';
import { renderSpec } from './jobs/render-spec.js';
import type { ProjectRecord } from './project.js';
import { timelineOf } from './timelines.js';

/** Where a letter engine's renders go, given its render function: the in-process queue, or Redis (whose workers render). */
export type RenderJobsFor = (render: RenderLetter) => RenderJobs;

/** How long a cancel waits for the render's programs to exit before answering that it is still stopping. */
const CANCEL_WAIT_MS = 30_000;

/**
 * Exports as jobs: asking again for the same letter attaches to its render or hands back the
 * finished file instead of rendering twice; a render can be cancelled; every status change is
 * mirrored into the project.
 */
export class Exports {
  /** Job ids this backend submitted: with a queue shared by several people, the ones it persists and stops. */
  private readonly mine = new Set<string>();
  private closing = false;
  private readonly queue: RenderJobs;

  constructor(
    private readonly engine: Engine,
    jobsFor: RenderJobsFor,
  ) {
    // Another server process on this home asking for the same export waits for this one's render.
    this.queue = jobsFor((jobId, spec, signal, progress) =>
      renderOncePerHome(engine.store.cacheDir(spec.projectId), spec.key, signal, progress, (p) =>
        renderSpec(engine, jobId, spec, signal, p),
      ),
    );
  }

  async export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
    if (options.cancel) return this.cancel(projectId);
    const record = await this.engine.store.load(projectId);
    const timeline = await timelineOf(this.engine, record);
    const key = renderKey(timeline, record.media, options.quality, this.engine.ffmpeg.version);

    const previous = await this.finishedRender(record, key);
    if (previous) return { status: 'done', ...previous };
    // A finished job whose file was deleted since is rendered again.
    const running = this.queue.find(projectId, key);
    const job =
      running && running.status !== 'done'
        ? running
        : this.queue.submit({ projectId, key, quality: options.quality }, (j) =>
            mirrorJob(this.engine, j, this.closing),
          );
    this.mine.add(job.id);

    await this.queue.wait(job, options.waitMs ?? this.engine.config.exportWaitMs, ctx.signal, (j) => {
      ctx.progress(
        j.status === 'queued'
          ? { percent: 0, message: this.queuedMessage(j) }
          : { percent: j.percent, message: `Rendering ${j.percent}%` },
      );
    });
    return this.exportResult(job);
  }

  /** The project's renders, live and remembered. */
  renders(record: ProjectRecord): RenderJobInfo[] {
    return renderJobs(record, this.live(record.id), (key) =>
      renderingElsewhere(this.engine.store.cacheDir(record.id), key),
    );
  }

  lastExport(record: ProjectRecord): ExportInfo | null {
    return lastExport(record, this.live(record.id));
  }

  /** Stops every render this backend started (killing ffmpeg, removing partial files); a restart reports them interrupted. */
  async close(): Promise<void> {
    this.closing = true;
    await this.queue.shutdown(this.mine);
  }

  private live(projectId: string): RenderJob[] {
    return this.queue.all().filter((j) => j.projectId === projectId);
  }

  /** A render of exactly this letter that already finished and whose file is still there. */
  private async finishedRender(record: ProjectRecord, key: string): Promise<ExportInfo | undefined> {
    const live = this.queue.find(record.id, key);
    const result =
      live?.status === 'done'
        ? live.result
        : live
          ? undefined
          : record.renders.findLast((r) => r.key === key && r.status === 'done')?.result;
    return result && (await exists(result.path)) ? result : undefined;
  }

  private queuedMessage(job: RenderJob): string {
    const ahead = this.queue.ahead(job);
    return `Waiting for ${ahead === 1 ? 'another letter' : `${ahead} other letters`} to finish rendering first.`;
  }

  private exportResult(job: RenderJob): ExportResult {
    const again =
      'Call export_video again with the same project_id to collect the file (it will not render twice), or get_state to check.';
    switch (job.status) {
      case 'done':
        return { status: 'done', ...job.result! };
      case 'queued':
        return {
          status: 'queued',
          jobId: job.id,
          percent: 0,
          etaSeconds: null,
          message: `${this.queuedMessage(job)} ${again}`,
        };
      case 'rendering': {
        const eta = etaSeconds(job);
        return {
          status: 'rendering',
          jobId: job.id,
          percent: job.percent,
          etaSeconds: eta,
          message: `Still rendering: ${job.percent}% done${eta !== null ? `, about ${eta} s left` : ''}. ${again}`,
        };
      }
      case 'cancelled':
        return {
          status: 'cancelled',
          jobId: job.id,
          message: 'The export was cancelled and no video was written. Call export_video to start it again.',
        };
      default:
        throw new LetterError('render_failed', job.error ?? 'The render failed.');
    }
  }

  private async cancel(projectId: string): Promise<ExportResult> {
    await this.engine.store.load(projectId);
    const job = this.queue.active(projectId);
    if (!job)
      throw new LetterError('invalid_request', 'Nothing is rendering for this letter, so there is nothing to cancel.');
    this.queue.cancel(job.id);
    // The answer says stopped only once ffmpeg has exited and the partial file is gone.
    const after = await this.queue.wait(job, CANCEL_WAIT_MS, new AbortController().signal, () => undefined);
    if (after.status === 'cancelled')
      return {
        status: 'cancelled',
        jobId: job.id,
        message: 'The export was stopped; no video was written. Call export_video to start it again.',
      };
    if (isActive(after.status))
      return {
        status: after.status,
        jobId: job.id,
        percent: after.percent,
        etaSeconds: null,
        message: `Asked the render to stop, but it has not stopped yet (after ${CANCEL_WAIT_MS / 1000} s). Call export_video with cancel again, or get_state, to see when it has.`,
      };
    // It ended some other way before the cancel reached it: say how.
    return this.exportResult(after);
  }
}
