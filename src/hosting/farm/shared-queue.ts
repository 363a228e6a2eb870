import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { isActive, type ExportInfo, type RenderJob } from '../../core/render.js';
import { CANCELLED, findJob, jobsAhead, type JobListener, type RenderJobs } from '../../backends/local/jobs/queue.js';
import type { Config, SharedQueueConfig } from '../../config.js';
import { isLetterError } from '../../core/errors.js';
import type { Logger } from '../../log.js';
import { orderJobId, RENDER_QUEUE, RenderOrder } from './order.js';
import { makeWay, stopJob } from './job-control.js';
import { JobMirror, type Entry } from './job-mirror.js';
import { reachRedis, redisConnection } from './redis.js';
import type { Bucket } from './storage/bucket.js';
import { sendLetter } from './storage/letter-package.js';
import { openBucket } from './storage/open-bucket.js';

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
 * processes, on this machine or others sharing the data folder (or an S3 bucket), take and render
 * them with the same render function the in-process queue calls. This process keeps a mirror of
 * the jobs (job-mirror.ts), kept current by BullMQ's queue events and read again now and then.
 */
export class SharedRenderQueue {
  private readonly mirror: JobMirror;
  /** Ids being put on the queue: the earlier job under the id is gone for a moment, which is no cancel. */
  private readonly enqueuing = new Set<string>();
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
    this.mirror = new JobMirror(root, log, bucket);
    for (const name of ['added', 'waiting', 'active', 'completed', 'failed', 'removed', 'stalled'] as const) {
      this.queueEvents.on(name, ({ jobId }: { jobId: string }) => void this.refresh(jobId));
    }
    this.queueEvents.on('progress', ({ jobId, data }) => {
      const entry = this.mirror.entries.get(jobId);
      if (entry && typeof data === 'number') this.mirror.progress(entry, data);
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
  forHome(config: Pick<Config, 'home' | 'outputDir'>): RenderJobs {
    const home = path.relative(this.root, config.home) || '.';
    const outputDir = path.relative(this.root, config.outputDir) || '.';
    const theirs = () => this.mirror.jobs((e) => e.order.home === home);
    return {
      submit: (spec, onChange = () => undefined) => this.submit({ ...spec, home, outputDir }, onChange),
      get: (jobId) => theirs().find((j) => j.id === jobId),
      find: (projectId, key) => findJob(theirs(), projectId, key),
      active: (projectId) => theirs().find((j) => j.projectId === projectId && isActive(j.status)),
      all: theirs,
      ahead: (job) => jobsAhead(this.mirror.jobs(), job),
      cancel: (jobId) => {
        if (theirs().some((j) => j.id === jobId)) void this.cancel(jobId);
      },
      wait: (job, ms, signal, onProgress) => this.mirror.wait(job, ms, signal, onProgress),
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

  private submit(order: RenderOrder, onChange: JobListener): RenderJob {
    const entry = this.mirror.track(orderJobId(order), order, Date.now(), onChange);
    void this.enqueue(entry).catch((e: Error) => {
      this.log.error({ err: e.message, jobId: entry.job.id }, 'could not put the render on the shared queue');
      this.mirror.update(entry, {
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
    const entry = this.mirror.entries.get(jobId);
    if (!entry || !isActive(entry.job.status)) return;
    try {
      await stopJob(this.queue, this.redis, jobId);
      await this.refresh(jobId);
    } catch (e) {
      this.log.warn({ err: (e as Error).message, jobId }, 'could not ask the workers to cancel a render');
    }
  }

  /** Reads the jobs in these states from Redis into the mirror, and every unfinished job it holds. */
  private async load(
    states: ('waiting' | 'active' | 'delayed' | 'prioritized' | 'completed' | 'failed')[],
  ): Promise<void> {
    try {
      const jobs = await this.queue.getJobs(states);
      const ids = new Set([
        ...jobs.map((j) => j.id),
        ...this.mirror.jobs((e) => isActive(e.job.status)).map((j) => j.id),
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
      const known = this.mirror.entries.get(jobId);
      if (!job) {
        // Taken off the queue before any worker began it.
        if (known && isActive(known.job.status) && !this.enqueuing.has(jobId))
          this.mirror.update(known, { status: 'cancelled', finishedAt: new Date().toISOString(), error: CANCELLED });
        return;
      }
      const order = RenderOrder.safeParse(job.data);
      if (!order.success) return;
      const unfinished = !['completed', 'failed', 'unknown'].includes(state);
      // An id seen finished that is queued again is a new render of the same letter.
      const entry =
        known && (isActive(known.job.status) || !unfinished)
          ? known
          : this.mirror.track(jobId, order.data, job.timestamp, known?.onChange);
      this.mirror.apply(entry, job, state);
    } catch (e) {
      this.log.warn({ err: (e as Error).message, jobId }, 'could not read a render job from Redis');
    }
  }
}
