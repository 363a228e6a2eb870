import path from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ExportInfo } from '../../core/backend.js';
import { LocalBackend } from '../../backends/local/local.js';
import { ffmpegLookupFor, locateFfmpeg } from '../../backends/local/render/run/locate-ffmpeg.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { CANCEL_CHANNEL, cancelKey, CANCELLED, RENDER_QUEUE, RenderOrder } from './order.js';
import { startPartWorker } from './part-worker.js';
import { reachRedis, redisConnection } from './redis.js';
import { SharedParts } from './shared-parts.js';
import { deliverExport } from './storage/export-handover.js';
import { renderFromBucket } from './storage/letter-package.js';
import { openBucket } from './storage/open-bucket.js';

/**
 * `video-letter-mcp worker`: takes renders off the shared queue and renders them with the local
 * engine, reading projects from and writing letters to the shared data folder; or, with an S3
 * bucket, fetching each letter into its own data folder and putting the finished file in the
 * bucket for the server. It renders as many
 * letters at once as VIDEO_LETTER_RENDER_CONCURRENCY says (one per pair of cores by default).
 *
 * A worker holds a lock on each job it renders and renews it every half lock period; a worker
 * that dies (killed, its machine lost) stops renewing, and after the lock period another worker
 * takes the job from the start. Returns how to stop: the renders under way are finished first.
 */
export async function startWorker(config: Config, log: Logger): Promise<() => Promise<void>> {
  if (!config.sharedQueue)
    throw new Error(
      'A worker takes renders from the shared queue: set VIDEO_LETTER_REDIS_URL to the Redis the server uses (redis://host:6379).',
    );
  const { redisUrl, lockMs } = config.sharedQueue;
  const tools = await locateFfmpeg(ffmpegLookupFor(config));
  const redis = redisConnection(redisUrl);
  await reachRedis(redis);
  const bucket = await openBucket(config.sharedQueue.bucket);
  // A letter's parts go on the parts queue, where every worker (this one too) renders one part per
  // core, whichever letter it belongs to: they reach the others through the shared folder. Workers
  // that share a bucket and no folder render each letter's parts themselves.
  const parts = bucket ? undefined : await SharedParts.open(redisUrl, redis, config.home, log);
  const partWorker = bucket
    ? undefined
    : await startPartWorker(redisUrl, redis, { root: config.home, ffmpeg: tools.ffmpeg, lockMs }, log);

  // One backend per person's folder, as the server has, doing the rendering the server would do.
  const backends = new Map<string, LocalBackend>();
  const backendFor = (order: RenderOrder) => {
    let backend = backends.get(order.home);
    if (!backend) {
      const home = path.resolve(config.home, order.home);
      backend = new LocalBackend(
        { ...config, home, outputDir: path.resolve(config.home, order.outputDir) },
        log.child({ home: order.home }),
        tools,
      );
      backends.set(order.home, backend);
    }
    return backend;
  };

  const render = async (
    job: Job<RenderOrder, ExportInfo>,
    _token?: string,
    signal?: AbortSignal,
  ): Promise<ExportInfo> => {
    const order = RenderOrder.parse(job.data);
    const jobId = job.id!;
    if (await redis.exists(cancelKey(jobId))) throw new UnrecoverableError(CANCELLED);
    const stop = signal ?? new AbortController().signal;
    log.info({ jobId, projectId: order.projectId, attempt: job.attemptsStarted }, 'worker took a render');
    try {
      const letter = () =>
        backendFor(order).renderSpec(
          jobId,
          order,
          stop,
          (percent) => void job.updateProgress(percent).catch(() => undefined),
          parts?.renderer(jobId),
        );
      if (!bucket) return await letter();
      return await deliverExport(bucket, jobId, await renderFromBucket(bucket, config.home, order, letter));
    } catch (e) {
      if (stop.aborted) throw new UnrecoverableError(CANCELLED);
      throw e;
    }
  };

  const worker = new Worker<RenderOrder, ExportInfo>(RENDER_QUEUE, render, {
    connection: redisConnection(redisUrl),
    concurrency: config.renderConcurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A letter whose worker died twice is given up on (a third death would suggest the letter kills it).
    maxStalledCount: 2,
  });
  const trouble = (e: Error) => log.warn({ err: e.message }, 'worker: Redis connection trouble');
  worker.on('error', trouble);
  redis.on('error', trouble);
  worker.on('completed', (job) => log.info({ jobId: job.id }, 'worker delivered a letter'));
  worker.on('failed', (job, e) => log.warn({ jobId: job?.id, error: e.message }, 'worker render failed'));

  const cancels = redisConnection(redisUrl);
  cancels.on('error', trouble);
  await cancels.subscribe(CANCEL_CHANNEL);
  cancels.on('message', (_channel: string, jobId: string) => {
    if (worker.cancelJob(jobId, CANCELLED)) log.info({ jobId }, 'render cancelled on request');
    else if (partWorker?.cancel(jobId)) log.info({ jobId }, 'part stopped on request');
  });
  await worker.waitUntilReady();
  log.info(
    { concurrency: config.renderConcurrency, lockSeconds: lockMs / 1000, bucket: config.sharedQueue.bucket?.name },
    'worker ready for renders',
  );

  return async () => {
    // The letters first: while they finish, this worker still renders their parts.
    await worker.close();
    await partWorker?.close();
    await parts?.close();
    cancels.disconnect();
    redis.disconnect();
    bucket?.close();
  };
}
