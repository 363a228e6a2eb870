import { exists } from '../../files.js';
import { LetterError } from '../../core/errors.js';
import type { CallContext, ExportInfo, ExportOptions, ExportResult, RenderJobInfo } from '../../core/backend.js';
import type { Engine } from './engine.js';
import { renderKey } from './jobs/key.js';
import { lastExport, mirrorJob, renderJobs } from './jobs/records.js';
import { renderingElsewhere, renderOncePerHome } from './jobs/once-per-home.js';
import { etaSeconds, type RenderJob, type RenderJobs, type RenderSpec } from './jobs/render-queue.js';
import type { ProjectRecord } from './project.js';
import { renderExport } from './render/run/render-export.js';
import type { PartRenderer } from './render/run/render-once.js';
import { timelineOf } from './timelines.js';

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

  constructor(
    private readonly engine: Engine,
    private readonly queue: RenderJobs,
  ) {}

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
        : this.queue.submit(
            { projectId, key, quality: options.quality },
            // Another server process on this home asking for the same export waits for this one.
            (jobId, signal, progress) =>
              renderOncePerHome(this.engine.store.cacheDir(projectId), key, signal, progress, (p) =>
                renderExport(this.engine, { jobId, record, timeline, quality: options.quality, signal, progress: p }),
              ),
            (j) => mirrorJob(this.engine, j, this.closing),
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

  /**
   * Renders an export asked for in another process (a worker taking a job off the shared queue),
   * with the same code an export in this process runs, from the project as the shared folder has it.
   */
  async renderSpec(
    jobId: string,
    spec: RenderSpec,
    signal: AbortSignal,
    progress: (p: number) => void,
    renderPart?: PartRenderer,
  ): Promise<ExportInfo> {
    const record = await this.engine.store.load(spec.projectId);
    const timeline = await timelineOf(this.engine, record);
    // The key holds the release and ffmpeg build too: servers and workers run the same image.
    if (renderKey(timeline, record.media, spec.quality, this.engine.ffmpeg.version) !== spec.key) {
      throw new LetterError(
        'render_failed',
        'The letter changed after this export was asked for (or this worker runs another release or ffmpeg build than the server), so it was not rendered. ' +
          'Call export_video again to render the letter as it is now, and run servers and workers from the same release.',
      );
    }
    return renderExport(this.engine, { jobId, record, timeline, quality: spec.quality, signal, progress, renderPart });
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
    if (after.status === 'queued' || after.status === 'rendering')
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
