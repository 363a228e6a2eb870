import { EventEmitter } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { isActive, type ExportInfo, type RenderJob } from '../../core/render.js';
import { CANCELLED, type JobListener } from '../../backends/local/jobs/queue.js';
import type { Logger } from '../../log.js';
import type { RenderOrder } from './order.js';
import type { Bucket } from './storage/bucket.js';
import { collectExport } from './storage/export-handover.js';

export type OrderJob = Job<RenderOrder, ExportInfo>;

export interface Entry {
  job: RenderJob;
  order: RenderOrder;
  onChange: JobListener;
  settled: Promise<void>;
  settle: () => void;
}

/**
 * This server's copy of the shared queue's jobs, as RenderJobs: the shared queue (shared-queue.ts)
 * brings each job from Redis with `apply`, and the backend's questions (is this letter rendering?
 * how far along?) are answered from here at once, as the in-process queue answers them.
 */
export class JobMirror {
  readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();
  /** Finished renders whose files are being fetched from the bucket. */
  private readonly collecting = new WeakSet<Entry>();

  constructor(
    /** VIDEO_LETTER_HOME: the orders' folders are relative to it. */
    private readonly root: string,
    private readonly log: Logger,
    /** Where exports travel from workers that do not share this data folder. */
    private readonly bucket: Bucket | undefined,
  ) {
    this.events.setMaxListeners(0);
  }

  jobs(which: (e: Entry) => boolean = () => true): RenderJob[] {
    return [...this.entries.values()].filter(which).map((e) => e.job);
  }

  /** A job of this order, queued, under `id` (replacing an earlier one under it). */
  track(id: string, order: RenderOrder, createdMs: number, onChange: JobListener = () => undefined): Entry {
    let settle = () => undefined as void;
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const job: RenderJob = {
      id,
      projectId: order.projectId,
      key: order.key,
      quality: order.quality,
      status: 'queued',
      percent: 0,
      createdAt: new Date(createdMs).toISOString(),
    };
    this.entries.get(id)?.settle();
    const entry: Entry = { job, order, onChange, settled, settle };
    this.entries.set(id, entry);
    void onChange(job);
    return entry;
  }

  /** Brings the entry up to date with its job in Redis, in BullMQ's `state`. */
  apply(entry: Entry, job: OrderJob, state: string): void {
    const finishedAt = new Date(job.finishedOn ?? Date.now()).toISOString();
    if (state === 'completed') {
      if (entry.job.status !== 'done') void this.deliver(entry, this.here(entry.order, job.returnvalue), finishedAt);
    } else if (state === 'failed') {
      if (!isActive(entry.job.status)) return;
      this.update(entry, {
        status: job.failedReason === CANCELLED ? 'cancelled' : 'failed',
        finishedAt,
        error: job.failedReason || 'The render failed.',
      });
    } else if (state !== 'active') {
      // A job whose worker died is back in the queue, for another worker to take.
      if (entry.job.status === 'rendering') this.update(entry, { status: 'queued' });
    } else {
      if (entry.job.status !== 'rendering')
        this.update(entry, { status: 'rendering', startedAt: job.processedOn ?? Date.now() });
      if (typeof job.progress === 'number') this.progress(entry, job.progress);
    }
  }

  /** Waits until the job ends, `ms` pass or `signal` aborts, passing progress along meanwhile. */
  async wait(
    job: RenderJob,
    ms: number,
    signal: AbortSignal,
    onProgress: (job: RenderJob) => void,
  ): Promise<RenderJob> {
    const entry = this.entries.get(job.id);
    if (!entry || !isActive(entry.job.status)) return entry?.job ?? job;
    const listener = (changed: RenderJob) => {
      if (changed.id === job.id) onProgress(changed);
    };
    this.events.on('change', listener);
    try {
      await Promise.race([entry.settled, sleep(ms, undefined, { signal, ref: false }).catch(() => undefined)]);
    } finally {
      this.events.off('change', listener);
    }
    return entry.job;
  }

  progress(entry: Entry, percent: number): void {
    if (entry.job.status !== 'rendering' || percent <= entry.job.percent) return;
    entry.job.percent = percent;
    this.events.emit('change', entry.job);
  }

  update(entry: Entry, patch: Partial<RenderJob>): void {
    Object.assign(entry.job, patch);
    if (!isActive(entry.job.status)) entry.settle();
    this.events.emit('change', entry.job);
    void entry.onChange(entry.job);
  }

  /** A finished render counts as done once its files are in the person's output folder, fetched from the bucket if need be. */
  private async deliver(entry: Entry, result: ExportInfo, finishedAt: string): Promise<void> {
    if (this.collecting.has(entry)) return;
    this.collecting.add(entry);
    try {
      if (this.bucket) await collectExport(this.bucket, entry.job.id, result);
      this.update(entry, { status: 'done', percent: 100, finishedAt, result });
    } catch (e) {
      this.log.error({ err: (e as Error).message, jobId: entry.job.id }, 'could not fetch a rendered letter');
      this.update(entry, { status: 'failed', finishedAt, error: (e as Error).message });
    } finally {
      this.collecting.delete(entry);
    }
  }

  /**
   * The worker's result with its files where this server sees them: a worker may mount the shared
   * folder elsewhere, but the files are in the order's output folder under the same names.
   */
  private here(order: RenderOrder, info: ExportInfo): ExportInfo {
    const dir = path.resolve(this.root, order.outputDir);
    return {
      ...info,
      path: path.join(dir, path.basename(info.path)),
      ...(info.captionsPath && { captionsPath: path.join(dir, path.basename(info.captionsPath)) }),
    };
  }
}
