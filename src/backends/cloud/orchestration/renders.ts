import { randomUUID } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { LetterError } from '../../../core/errors.js';
import type { Logger } from '../../../log.js';
import type { CallContext, ExportQuality } from '../../../core/backend.js';
import type { NemoApi, RenderQuality } from '../client/api.js';
import { saveRender } from './download.js';
import type { CloudProject, ProjectStore, RenderRecord } from './store.js';
import { isActive } from '../../../core/render.js';

export interface RenderOptions {
  api: NemoApi;
  store: ProjectStore;
  logger: Logger;
  pollMs: number;
  outputDir: string;
  now: () => number;
  /** Poll failures in a row after which a render is reported interrupted (it can be resumed). */
  maxPollErrors?: number;
  /** The largest letter accepted from NemoVideo (MAX_RENDER_BYTES). */
  maxDownloadBytes?: number;
  /** How long one render is followed before it is reported interrupted (RENDER_DEADLINE_MS). */
  deadlineMs?: number;
}

/**
 * The largest finished letter downloaded: 2 GB. The seed's 200 MB is NemoVideo's upload limit; a
 * rendered 1080p letter runs about 60 MB a minute at NemoVideo's bit rate, so a long letter with
 * clips passes 200 MB, while 2 GB still stops a broken link that never ends.
 */
export const MAX_RENDER_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * How long a render is followed before the person hears it is stuck: 20 minutes, against the
 * seed's 30-90 s. The render is then "interrupted", not dropped: export_video follows it again.
 */
export const RENDER_DEADLINE_MS = 20 * 60_000;

/**
 * The final letter asks for the spec's "high"; a preview for "low", so it renders faster (our
 * reading: the spec names only "high", and "low" is the usual other end of that setting).
 */
const RENDER_QUALITY: Record<ExportQuality, RenderQuality> = { final: 'high', preview: 'low' };

interface Job {
  project: CloudProject;
  record: RenderRecord;
  stop: AbortController;
  finished: Promise<void>;
  listeners: Set<(r: RenderRecord) => void>;
}

/**
 * Cloud renders, followed to the end. A render whose poller goes away is orphaned on NemoVideo's
 * side, so polling lives here, outside any one tool call: a call waits as long as it may and
 * returns, the poll goes on, and a later call attaches to the same render id. Every change is
 * saved, so after a restart the pending renders are picked up again.
 */
export class Renders {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly options: RenderOptions) {}

  /** The newest render being followed for a project (of one draft and quality, when given), if any. */
  active(projectId: string, draftHash?: string): Job | undefined {
    return [...this.jobs.values()]
      .reverse()
      .find(
        (job) =>
          job.project.projectId === projectId &&
          isActive(job.record.status) &&
          (draftHash === undefined || job.record.draftHash === draftHash),
      );
  }

  async start(project: CloudProject, draft: unknown, draftHash: string, quality: ExportQuality): Promise<Job> {
    // A random id: two exports in the same millisecond (two letters, two processes) never share one.
    const renderId = await this.options.api.startRender(
      `render_${randomUUID()}`,
      project.sessionId,
      draft,
      RENDER_QUALITY[quality],
    );
    const record: RenderRecord = {
      renderId,
      sessionId: project.sessionId,
      status: 'rendering',
      quality,
      percent: 0,
      createdAt: new Date(this.options.now()).toISOString(),
      draftHash,
    };
    project.renders.push(record);
    await this.options.store.save();
    this.options.logger.info({ renderId }, 'cloud render started');
    return this.follow(project, record, false);
  }

  /** Starts (or re-starts) polling a render: new ones wait a poll first, resumed ones ask at once. */
  follow(project: CloudProject, record: RenderRecord, immediately: boolean): Job {
    const existing = this.jobs.get(record.renderId);
    if (existing) return existing;
    if (!isActive(record.status)) record.status = 'rendering';
    const job: Job = {
      project,
      record,
      stop: new AbortController(),
      finished: Promise.resolve(),
      listeners: new Set(),
    };
    this.jobs.set(record.renderId, job);
    job.finished = this.poll(job, immediately)
      .catch((e: unknown) =>
        this.options.logger.error(
          { renderId: record.renderId, err: (e as Error).message },
          'render poll ended with an error',
        ),
      )
      .finally(() => this.jobs.delete(record.renderId));
    return job;
  }

  /**
   * Stops following; NemoVideo has no cancel call, so the render itself may still finish there.
   * `reason` is kept on the record (a render replaced by one of the edited letter says so).
   */
  async cancel(job: Job, reason?: string): Promise<void> {
    job.stop.abort();
    await job.finished;
    job.record.status = 'cancelled';
    job.record.finishedAt = new Date(this.options.now()).toISOString();
    if (reason) job.record.error = reason;
    await this.options.store.save();
  }

  /**
   * Waits for the job to end, at most `waitMs`, relaying progress to the caller. Returns early
   * (without stopping the render) when the caller's request is cancelled.
   */
  async waitFor(job: Job, waitMs: number, ctx: CallContext): Promise<void> {
    const onChange = (r: RenderRecord) =>
      ctx.progress({ percent: r.percent, message: `NemoVideo is rendering the letter (${r.percent}%)…` });
    job.listeners.add(onChange);
    const timeout = new AbortController();
    const stopWaiting = () => timeout.abort();
    ctx.signal.addEventListener('abort', stopWaiting, { once: true });
    try {
      await Promise.race([
        job.finished,
        sleepFor(waitMs, undefined, { signal: timeout.signal }).catch(() => undefined),
      ]);
    } finally {
      timeout.abort();
      ctx.signal.removeEventListener('abort', stopWaiting);
      job.listeners.delete(onChange);
    }
  }

  /** Stops every poll without changing the records: they stay pending and resume next start. */
  async close(): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.stop.abort();
    await Promise.all(jobs.map((j) => j.finished));
  }

  private async poll(job: Job, immediately: boolean): Promise<void> {
    const { record } = job;
    const maxErrors = this.options.maxPollErrors ?? 10;
    const deadline = this.options.now() + (this.options.deadlineMs ?? RENDER_DEADLINE_MS);
    let errors = 0;
    let first = true;
    while (!job.stop.signal.aborted) {
      if (this.options.now() > deadline) {
        const minutes = Math.round((this.options.deadlineMs ?? RENDER_DEADLINE_MS) / 60_000);
        await this.finish(
          job,
          'interrupted',
          `NemoVideo has been rendering ${record.renderId} for more than ${minutes} minute${minutes === 1 ? '' : 's'}, far longer than its usual 30-90 seconds, so this server stopped waiting. Call export_video again to check on the same render once more.`,
        );
        return;
      }
      if (!(first && immediately)) {
        try {
          // An unref'd timer: a pending render alone does not keep the process alive; its id is
          // saved and the poll resumes on the next start.
          await sleepFor(this.options.pollMs, undefined, { signal: job.stop.signal, ref: false });
        } catch {
          return;
        }
      }
      first = false;
      let reply;
      try {
        reply = await this.options.api.renderStatus(record.renderId);
        errors = 0;
      } catch (e) {
        errors++;
        this.options.logger.warn(
          { renderId: record.renderId, err: (e as Error).message, errors },
          'render status check failed',
        );
        if (errors >= maxErrors) {
          await this.finish(
            job,
            'interrupted',
            `Lost contact with NemoVideo while it rendered ${record.renderId}. Call export_video again to pick the render up where it is.`,
          );
          return;
        }
        continue;
      }
      if (job.stop.signal.aborted) return;
      if (reply.status === 'failed') {
        await this.finish(
          job,
          'failed',
          `NemoVideo could not render the letter${reply.error ? ` (${reply.error})` : ''}. Check the timeline with get_state, then call export_video again.`,
        );
        return;
      }
      if (reply.status === 'completed') {
        if (!reply.url) {
          await this.finish(
            job,
            'failed',
            'NemoVideo finished the render but sent no download link. Call export_video again to render it once more.',
          );
          return;
        }
        record.percent = 99;
        this.notify(job);
        try {
          const info = await saveRender(this.options.api, reply.url, {
            record,
            outputDir: this.options.outputDir,
            maxBytes: this.options.maxDownloadBytes ?? MAX_RENDER_BYTES,
            signal: job.stop.signal,
            now: this.options.now,
          });
          record.exported = info;
          // The project's last export is its newest letter: an older render finishing late keeps
          // its own file but does not stand in for a newer one already saved.
          const newer = job.project.renders.slice(job.project.renders.indexOf(record) + 1);
          if (!newer.some((r) => r.status === 'done')) job.project.lastExport = info;
          record.path = info.path;
          record.percent = 100;
          await this.finish(job, 'done');
        } catch (e) {
          if (job.stop.signal.aborted) return;
          const why = e instanceof LetterError ? e.message : `the download failed (${(e as Error).message})`;
          await this.finish(
            job,
            'failed',
            `NemoVideo rendered the letter but it could not be saved: ${why} Call export_video again to retry.`,
          );
        }
        return;
      }
      const percent = reply.progress !== null ? Math.min(98, Math.round(reply.progress * 100)) : record.percent;
      if (percent !== record.percent) {
        record.percent = percent;
        await this.options.store.save();
      }
      this.notify(job);
    }
  }

  private notify(job: Job): void {
    for (const listener of job.listeners) listener(job.record);
  }

  private async finish(job: Job, status: RenderRecord['status'], error?: string): Promise<void> {
    job.record.status = status;
    job.record.finishedAt = new Date(this.options.now()).toISOString();
    if (error) job.record.error = error;
    await this.options.store.save();
    this.notify(job);
    this.options.logger.info({ renderId: job.record.renderId, status }, 'cloud render ended');
  }
}

export type RenderJob = Job;
