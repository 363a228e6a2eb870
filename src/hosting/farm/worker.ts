import path from 'node:path';
import type { RenderLetter } from '../../backends/local/jobs/queue.js';
import { renderSpec } from '../../backends/local/jobs/render-spec.js';
import { LocalBackend } from '../../backends/local/local.js';
import { ffmpegLookupFor, locateFfmpeg } from '../../backends/local/render/run/locate-ffmpeg.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { RenderOrder } from './order.js';
import { startPartWorker } from './part-worker.js';
import { startRenderWorker } from './render-worker.js';
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

  // The one render function, on the letter as the shared folder (or the bucket) has it.
  const render: RenderLetter<RenderOrder> = async (jobId, order, signal, progress) => {
    const letter = () => renderSpec(backendFor(order), jobId, order, signal, progress, parts?.renderer(jobId));
    if (!bucket) return letter();
    return deliverExport(bucket, jobId, await renderFromBucket(bucket, config.home, order, letter));
  };
  const trouble = (e: Error) => log.warn({ err: e.message }, 'worker: Redis connection trouble');
  redis.on('error', trouble);
  const stopRenders = await startRenderWorker(
    redisUrl,
    redis,
    render,
    { concurrency: config.renderConcurrency, lockMs, otherCancel: (jobId) => partWorker?.cancel(jobId) ?? false },
    log,
  );
  log.info(
    { concurrency: config.renderConcurrency, lockSeconds: lockMs / 1000, bucket: config.sharedQueue.bucket?.name },
    'worker ready for renders',
  );

  return async () => {
    // The letters first: while they finish, this worker still renders their parts.
    await stopRenders();
    await partWorker?.close();
    await parts?.close();
    redis.disconnect();
    bucket?.close();
  };
}
