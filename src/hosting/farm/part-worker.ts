import os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import { renderOnce } from '../../backends/local/render/run/render-once.js';
import { CANCELLED } from '../../backends/local/jobs/queue.js';
import { cancelKey } from './order.js';
import { partHere, PartOrder, PARTS_QUEUE } from './part-order.js';
import { redisConnection } from './redis.js';

export interface PartWorker {
  /** Stops the part under way with this job id, if this worker has it; says whether it had. */
  cancel: (jobId: string) => boolean;
  /** Finishes the parts under way, then stops taking more. */
  close: () => Promise<void>;
}

/**
 * A worker's second BullMQ Worker: it takes letters' parts off the parts queue, any letter's,
 * and renders each into the letter's cache in the shared folder with the product's ffmpeg.
 *
 * One part per core, each on one thread (as the engine shares a letter's parts out on one
 * machine: the filters and x264 on one thread do the same work with less lost to coordination).
 * Its slots are its own, apart from the letters' slots: a letter waiting for its parts never
 * holds a slot a part needs. Locks as for letters: a worker that dies mid-part stops renewing
 * its lock, and another worker renders the part from the start.
 */
export async function startPartWorker(
  redisUrl: string,
  redis: Redis,
  settings: { root: string; ffmpeg: string; lockMs: number },
  log: Logger,
): Promise<PartWorker> {
  const render = async (job: Job<PartOrder>, _token?: string, signal?: AbortSignal): Promise<void> => {
    const order = PartOrder.parse(job.data);
    const jobId = job.id!;
    // A part of a cancelled letter is not begun, even if the letter's worker died before it could stop it.
    if ((await redis.exists(cancelKey(jobId), cancelKey(order.letterJobId))) > 0)
      throw new UnrecoverableError(CANCELLED);
    const { file, argsFor } = partHere(settings.root, order);
    const stop = signal ?? new AbortController().signal;
    log.info({ jobId, letterJobId: order.letterJobId, attempt: job.attemptsStarted }, 'worker took a part');
    try {
      await renderOnce(settings.ffmpeg, file, argsFor, {
        durationSeconds: order.seconds,
        signal: stop,
        onProgress: (percent) => void job.updateProgress(percent).catch(() => undefined),
      });
    } catch (e) {
      if (stop.aborted) throw new UnrecoverableError(CANCELLED);
      throw e;
    }
  };

  const concurrency = os.availableParallelism();
  const worker = new Worker<PartOrder>(PARTS_QUEUE, render, {
    connection: redisConnection(redisUrl),
    concurrency,
    lockDuration: settings.lockMs,
    stalledInterval: settings.lockMs,
    maxStalledCount: 2,
  });
  worker.on('error', (e) => log.warn({ err: e.message }, 'part worker: Redis connection trouble'));
  worker.on('completed', (job) => log.info({ jobId: job.id }, 'worker rendered a part'));
  worker.on('failed', (job, e) => log.warn({ jobId: job?.id, error: e.message }, 'worker part failed'));
  await worker.waitUntilReady();
  log.info({ concurrency }, 'worker ready for parts');
  return {
    cancel: (jobId) => worker.cancelJob(jobId, CANCELLED),
    close: () => worker.close(),
  };
}
