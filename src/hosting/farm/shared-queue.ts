import { EventEmitter } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExportInfo } from '../../core/backend.js';
import { isFinished, type RenderJob, type RenderJobs } from '../../backends/local/jobs/render-queue.js';
import type { Config, SharedQueueConfig } from '../../config.js';
import { isLetterError } from '../../core/errors.js';
import type { Logger } from '../../log.js';
import { CANCELLED, orderJobId, RENDER_QUEUE, RenderOrder } from './order.js';
import { makeWay, stopJob } from './job-control.js';
import { reachRedis, redisConnection } from './redis.js';
import type { Bucket } from './storage/bucket.js';
import { collectExport } from './storage/export-handover.js';
import { sendLetter } from './storage/letter-package.js';
import { openBucket } from './storage/open-bucket.js';

type OrderJob = Job<RenderOrder, ExportInfo>;

interface Entry {
  job: RenderJob;
  order: RenderOrder;
  onChange: (job: RenderJob) => Promise<void> | void;
  settled: Promise<void>;
  settle: () => void;
}

/**
 * Finished jobs stay in Redis this long (and at most this many), so a server started later still
 * finds a finished letter and an export of it attaches instead of rendering again.
 */
const KEEP_FINISHED = { age: 7 * 24 * 3600, count: 1000 };
/** How often the unfinished jobs are read again from Redis, for events missed while it was away. */
const RESYNC_MS = 5_000;
/** How long a stopping server waits for Redis to say goodbye. */
const CLOSE_WAIT_MS = 2_000;

/**
 * The render queue of hosted mode: jobs live in Redis (BullMQ) and `video-letter-mcp worker`
 * processes, on this machine or others sharing the data folder (or an S3 bucket), take and render them. This
 * process keeps a mirror of the jobs (kept current by BullMQ's queue events, and read again now
 * and then) so the backend's questions (is this letter rendering? how far along?) are answered
 * at once, as the in-process queue answers them.
 */
export class SharedRenderQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();
  /** Ids being put on the queue: the earlier job under the id is gone for a moment, which is no cancel. */
  private readonly enqueuing = new Set<string>();
  /** Finished renders whose files are being fetched from the bucket. */
  private readonly collecting = new WeakSet<Entry>();
  private readonly resync: NodeJS.Timeout;

  private constructor(
    private readonly queue: Queue<RenderOrder, ExportInfo>,
    private readonly queueEvents: QueueEvents,
    /** For cancel requests. */
    private readonly redis: Redis,
    /** VIDEO_LETTER_HOME: the orders' folders are relative to it. */
    private readonly root: string,
    private readonly log: Logger,
    /** Where letters and exports travel to and from workers that do not share this data folder. */
    private readonly bucket: Bucket | undefined,
  ) {
    this.events.setMaxListeners(0);
    for (const name of ['added', 'waiting', 'active', 'completed', 'failed', 'removed', 'stalled'] as const) {
      this.queueEvents.on(name, ({ jobId }: { jobId: string }) => void this.refresh(jobId));
    }
    this.queueEvents.on('progress', ({ jobId, data }) => {
      const entry = this.entries.get(jobId);
      if (entry && typeof data === 'number') this.progress(entry, data);
    });
    this.resync = setInterval(() => void this.load(['waiting', 'active', 'delayed', 'prioritized']), RESYNC_MS).unref();
  }

  static async open(settings: SharedQueueConfig, root: string, log: Logger): Promise<SharedRenderQueue> {
    const redis = redisConnection(settings.redisUrl);
    await reachRedis(redis);
    const queue = new Queue<RenderOrder, ExportInfo>(RENDER_QUEUE, {
      connection: redisConnection(settings.redisUrl),
      // A render that fails would fail the same way again; a worker that dies is another matter:
      // its job goes back to the queue when its lock runs out (see the worker).
      defaultJobOptions: { attempts: 1, removeOnComplete: KEEP_FINISHED, removeOnFail: KEEP_FINISHED },
    });
    const queueEvents = new QueueEvents(RENDER_QUEUE, { connection: redisConnection(settings.redisUrl) });
    const trouble = (e: Error) => log.warn({ err: e.message }, 'render queue: Redis connection trouble');
    queue.on('error', trouble);
    redis.on('error', trouble);
    queueEvents.on('error', trouble);
    await Promise.all([queue.waitUntilReady(), queueEvents.waitUntilReady()]);
    const bucket = await openBucket(settings.bucket);
    if (bucket) log.info({ bucket: settings.bucket!.name }, 'letters travel to workers through the S3 bucket');
    const shared = new SharedRenderQueue(queue, queueEvents, redis, root, log, bucket);
    await shared.load(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']);
    const workers = await queue.getWorkersCount();
    if (workers === 0)
      log.warn(
        'no render worker is connected to the queue yet: exports wait until one is (start one with "video-letter-mcp worker")',
      );
    log.info({ workers }, 'renders go to the shared queue');
    return shared;
  }

  /** The queue as one person's backend sees it: only the letters in their folder. */
  forHome(config: Config): RenderJobs {
    const home = path.relative(this.root, config.home) || '.';
    const outputDir = path.relative(this.root, config.outputDir) || '.';
    const theirs = () => [...this.entries.values()].filter((e) => e.order.home === home).map((e) => e.job);
    return {
      submit: (spec, _work, onChange = () => undefined) => this.submit({ ...spec, home, outputDir }, onChange),
      get: (jobId) => theirs().find((j) => j.id === jobId),
      find: (projectId, key) =>
        theirs().findLast(
          (j) => j.projectId === projectId && j.key === key && ['queued', 'rendering', 'done'].includes(j.status),
        ),
      active: (projectId) => theirs().find((j) => j.projectId === projectId && !isFinished(j)),
      all: theirs,
      ahead: (job) => this.ahead(job),
      cancel: (jobId) => void this.cancel(jobId),
      wait: (job, ms, signal, onProgress) => this.wait(job, ms, signal, onProgress),
      // The renders belong to the workers: they go on when this server stops.
      shutdown: async () => undefined,
    };
  }

  /** Lets go of Redis and the bucket when the server stops; the renders go on in the workers. */
  async close(): Promise<void> {
    clearInterval(this.resync);
    // A clean goodbye to Redis; a Redis that is away is not waited for.
    await Promise.race([
      Promise.all([this.queueEvents.close(), this.queue.close()]),
      sleep(CLOSE_WAIT_MS, undefined, { ref: false }),
    ]);
    this.redis.disconnect();
    this.bucket?.close();
  }

  private submit(order: RenderOrder, onChange: Entry['onChange']): RenderJob {
    const entry = this.track(orderJobId(order), order, Date.now(), onChange);
    void this.enqueue(entry).catch((e: Error) => {
      this.log.error({ err: e.message, jobId: entry.job.id }, 'could not put the render on the shared queue');
      this.update(entry, {
        status: 'failed',
        finishedAt: new Date().toISOString(),
        error: isLetterError(e)
          ? e.message
          : `The render could not be queued (${e.message}). Check that Redis is running, then call export_video again.`,
      });
    });
    return entry.job;
  }

  /** Adds the job to Redis, unless a job of this letter at this key is already there and unfinished: then this attaches to it. */
  private async enqueue(entry: Entry): Promise<void> {
    const id = entry.job.id;
    this.enqueuing.add(id);
    try {
      await makeWay(this.queue, this.redis, id);
      if (this.bucket) await sendLetter(this.bucket, this.root, entry.order);
      await this.queue.add('render', entry.order, { jobId: id });
    } finally {
      this.enqueuing.delete(id);
    }
    await this.refresh(id);
  }

  private async cancel(jobId: string): Promise<void> {
    const entry = this.entries.get(jobId);
    if (!entry || isFinished(entry.job)) return;
    try {
      await stopJob(this.queue, this.redis, jobId);
      await this.refresh(jobId);
    } catch (e) {
      this.log.warn({ err: (e as Error).message, jobId }, 'could not ask the workers to cancel a render');
    }
  }

  private async wait(
    job: RenderJob,
    ms: number,
    signal: AbortSignal,
    onProgress: (job: RenderJob) => void,
  ): Promise<RenderJob> {
    const entry = this.entries.get(job.id);
    if (!entry || isFinished(entry.job)) return entry?.job ?? job;
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

  private ahead(job: RenderJob): number {
    const jobs = [...this.entries.values()].map((e) => e.job);
    return (
      jobs.filter((j) => j.status === 'rendering').length +
      jobs.filter((j) => j.status === 'queued' && j.createdAt < job.createdAt).length
    );
  }

  /** Reads the jobs in these states from Redis into the mirror, and every unfinished job it holds. */
  private async load(
    states: ('waiting' | 'active' | 'delayed' | 'prioritized' | 'completed' | 'failed')[],
  ): Promise<void> {
    try {
      const jobs = await this.queue.getJobs(states);
      const ids = new Set([
        ...jobs.map((j) => j.id),
        ...[...this.entries.values()].filter((e) => !isFinished(e.job)).map((e) => e.job.id),
      ]);
      await Promise.all([...ids].filter((id): id is string => !!id).map((id) => this.refresh(id)));
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not read the shared render queue');
    }
  }

  /** Brings one job of the mirror up to date with Redis. */
  private async refresh(jobId: string): Promise<void> {
    try {
      // The state first: a job read after it is completed has its result.
      const state = await this.queue.getJobState(jobId);
      const job = state === 'unknown' ? undefined : await this.queue.getJob(jobId);
      const known = this.entries.get(jobId);
      if (!job) {
        // Taken off the queue before any worker began it.
        if (known && !isFinished(known.job) && !this.enqueuing.has(jobId))
          this.update(known, { status: 'cancelled', finishedAt: new Date().toISOString(), error: CANCELLED });
        return;
      }
      const order = RenderOrder.safeParse(job.data);
      if (!order.success) return;
      const unfinished = !['completed', 'failed', 'unknown'].includes(state);
      // An id seen finished that is queued again is a new render of the same letter.
      const entry =
        known && !(isFinished(known.job) && unfinished)
          ? known
          : this.track(jobId, order.data, job.timestamp, known?.onChange);
      this.apply(entry, job, state);
    } catch (e) {
      this.log.warn({ err: (e as Error).message, jobId }, 'could not read a render job from Redis');
    }
  }

  private apply(entry: Entry, job: OrderJob, state: string): void {
    const finishedAt = new Date(job.finishedOn ?? Date.now()).toISOString();
    if (state === 'completed') {
      if (entry.job.status !== 'done') void this.deliver(entry, this.here(entry.order, job.returnvalue), finishedAt);
    } else if (state === 'failed') {
      const cancelled = job.failedReason === CANCELLED;
      if (isFinished(entry.job)) return;
      this.update(entry, {
        status: cancelled ? 'cancelled' : 'failed',
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

  private track(
    id: string,
    order: RenderOrder,
    createdMs: number,
    onChange: Entry['onChange'] = () => undefined,
  ): Entry {
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
    const previous = this.entries.get(id);
    previous?.settle();
    const entry: Entry = { job, order, onChange, settled, settle };
    this.entries.set(id, entry);
    void onChange(job);
    return entry;
  }

  private progress(entry: Entry, percent: number): void {
    if (entry.job.status !== 'rendering' || percent <= entry.job.percent) return;
    entry.job.percent = percent;
    this.events.emit('change', entry.job);
  }

  private update(entry: Entry, patch: Partial<RenderJob>): void {
    Object.assign(entry.job, patch);
    if (isFinished(entry.job)) entry.settle();
    this.events.emit('change', entry.job);
    void entry.onChange(entry.job);
  }
}
