import { Redis } from 'ioredis';

/**
 * A connection to the shared queue's Redis. BullMQ needs `maxRetriesPerRequest: null` so a
 * command waits through a Redis restart instead of failing; ioredis reconnects on its own.
 */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Waits for Redis to answer, so a wrong URL stops the start with a sentence instead of hanging. */
export async function reachRedis(redis: Redis, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `Redis did not answer within ${ms / 1000} s at VIDEO_LETTER_REDIS_URL. Start redis-server, or correct the URL (redis://host:6379).`,
              ),
            ),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
