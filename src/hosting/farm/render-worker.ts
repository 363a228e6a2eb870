import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExportInfo } from '../../core/render.js';
import { CANCELLED, type RenderLetter } from '../../backends/local/jobs/queue.js';
import type { Logger } from '../../log.js';
import { CANCEL_CHANNEL, cancelKey, RENDER_QUEUE, RenderOrder } from './order.js';
import { redisConnection } from './redis.js';

export interface RenderWorkerOptions {
  /** Letters rendered at once. */
  concurrency: number;
  /** How long a hold on a job lasts unrenewed (see startWorker). */
  lockMs: number;
  /** Given a cancel this worker is not rendering the letter of (a part of it, say); true when it stopped something. */
  otherCancel?: (jobId: string) => boolean;
}

/**
 * The Redis queue's render side: takes orders off the shared queue and renders each with `render`
 * (the same render function the in-process queue calls), passing its progress to the server and
 * stopping it when a server cancels it. A cancelled order fails with CANCELLED, which servers read
 * back as "cancelled"; a failed one with the render's own sentence. Returns how to stop: the
 * renders under way are finished first.
 */
export async function startRenderWorker(
  redisUrl: string,
  /** For the cancel keys of orders not begun yet. */
  redis: Redis,
  render: RenderLetter<RenderOrder>,
  { concurrency, lockMs, otherCancel }: RenderWorkerOptions,
  log: Logger,
): Promise<() => Promise<void>> {
  const take = async (job: Job<RenderOrder, ExportInfo>, _token?: string, signal?: AbortSignal) => {
    const order = RenderOrder.parse(job.data);
    const jobId = job.id!;
    if (await redis.exists(cancelKey(jobId))) throw new UnrecoverableError(CANCELLED);
    const stop = signal ?? new AbortController().signal;
    log.info({ jobId, projectId: order.projectId, attempt: job.attemptsStarted }, 'worker took a render');
    try {
      return await render(jobId, order, stop, (percent) => void job.updateProgress(percent).catch(() => undefined));
    } catch (e) {
      if (stop.aborted) throw new UnrecoverableError(CANCELLED);
      throw e;
    }
  };

  const worker = new Worker<RenderOrder, ExportInfo>(RENDER_QUEUE, take, {
    connection: redisConnection(redisUrl),
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A letter whose worker died twice is given up on (a third death would suggest the letter kills it).
    maxStalledCount: 2,
  });
  const trouble = (e: Error) => log.warn({ err: e.message }, 'worker: Redis connection trouble');
  worker.on('error', trouble);
  worker.on('completed', (job) => log.info({ jobId: job.id }, 'worker delivered a letter'));
  worker.on('failed', (job, e) => log.warn({ jobId: job?.id, error: e.message }, 'worker render failed'));

  const cancels = redisConnection(redisUrl);
  cancels.on('error', trouble);
  await cancels.subscribe(CANCEL_CHANNEL);
  cancels.on('message', (_channel: string, jobId: string) => {
    if (worker.cancelJob(jobId, CANCELLED)) log.info({ jobId }, 'render cancelled on request');
    else if (otherCancel?.(jobId)) log.info({ jobId }, 'part stopped on request');
  });
  await worker.waitUntilReady();

  return async () => {
    await worker.close();
    cancels.disconnect();
  };
}
