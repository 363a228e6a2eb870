import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CANCEL_CHANNEL, cancelKey } from './order.js';

/** How long a cancel is remembered for a worker that has not begun the job yet. */
const CANCEL_KEPT_SECONDS = 24 * 3600;

/**
 * Clears the way for a new job under `id` (letters' and parts' ids come from what they render):
 * a finished job under it is an earlier render (its file since deleted, or it failed or was
 * cancelled) and makes way, and an earlier cancel no longer holds. An unfinished one stays, and
 * BullMQ then adds nothing: the new request attaches to it.
 */
export async function makeWay(queue: Queue, redis: Redis, id: string): Promise<void> {
  const previous = await queue.getJob(id);
  if (previous && ['completed', 'failed'].includes(await previous.getState())) await previous.remove();
  await redis.del(cancelKey(id));
}

/**
 * Stops job `id` wherever it is: the key stops a worker about to begin it, the message stops the
 * worker rendering it, and a job no worker has taken yet is taken off the queue.
 */
export async function stopJob(queue: Queue, redis: Redis, id: string): Promise<void> {
  await redis.set(cancelKey(id), '1', 'EX', CANCEL_KEPT_SECONDS);
  await redis.publish(CANCEL_CHANNEL, id);
  const job = await queue.getJob(id);
  if (job && ['waiting', 'delayed', 'prioritized'].includes(await job.getState()))
    await job.remove().catch(() => undefined);
}
