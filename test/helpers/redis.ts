import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { startRedisServer } from './redis-server.js';
import { CLI } from './server.js';

/**
 * The Redis the render-queue tests use and erase: the one .ci/run started
 * (VIDEO_LETTER_TEST_REDIS_URL), or the one test/global-redis.ts started; without redis-server
 * these tests fail, saying so.
 */
export function testRedisUrl(): string {
  const url = inject('redisUrl');
  if (!url) {
    throw new Error(
      "The render-queue tests need Debian's redis-server (apt-get install redis-server), which npm test starts on a free port; " +
        'or set VIDEO_LETTER_TEST_REDIS_URL to a Redis these tests may erase. .ci/run does both.',
    );
  }
  return url;
}

export async function emptyRedis(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/**
 * Stops the test Redis (saving its data, as a restart for maintenance would); the function it
 * returns starts it again on the same port and data folder, as .ci/run started it.
 */
export async function stopRedis(url: string): Promise<() => Promise<void>> {
  const redis = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
  await redis.connect();
  const dir = ((await redis.config('GET', 'dir')) as string[])[1]!;
  const port = new URL(url).port;
  await redis.call('SHUTDOWN', 'SAVE').catch(() => undefined);
  redis.disconnect();
  return async () => {
    startRedisServer(port, dir);
    const again = new Redis(url);
    try {
      await again.ping();
    } finally {
      again.disconnect();
    }
  };
}

/** Stops the test Redis and starts it again after `downMs`. */
export async function restartRedis(url: string, downMs: number): Promise<void> {
  const start = await stopRedis(url);
  await new Promise((resolve) => setTimeout(resolve, downMs));
  await start();
}

export interface RunningWorker {
  /** Everything the worker wrote to stderr (its log). */
  log: () => string;
  /** How many renders it has finished. */
  delivered: () => number;
  /** SIGKILL to the worker and its ffmpeg processes, as when its machine is lost. */
  kill: () => void;
  /** SIGTERM, then waits for it to exit. */
  stop: () => Promise<void>;
}

/** Starts `video-letter-mcp worker` from the built CLI, and waits until it takes renders. */
export async function startWorker(env: Record<string, string>): Promise<RunningWorker> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', VIDEO_LETTER_LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so a kill takes its ffmpeg processes with it.
    detached: true,
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('worker ready for renders')) resolve();
    });
    void exited.then(() => reject(new Error(`the worker exited before it was ready:\n${log}`)));
  });
  return {
    log: () => log,
    delivered: () => log.split('\n').filter((l) => l.includes('worker delivered a letter')).length,
    kill: () => process.kill(-child.pid!, 'SIGKILL'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
