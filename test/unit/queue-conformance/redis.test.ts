import path from 'node:path';
import pino from 'pino';
import type { RenderJobs } from '../../../src/backends/local/jobs/queue.js';
import { redisConnection } from '../../../src/hosting/farm/redis.js';
import { startRenderWorker } from '../../../src/hosting/farm/render-worker.js';
import { SharedRenderQueue } from '../../../src/hosting/farm/shared-queue.js';
import { emptyRedis, testRedisUrl } from '../../helpers/redis.js';
import { tempDir } from '../../helpers/server.js';
import { queueConformance } from './suite.js';

const redisUrl = testRedisUrl();
const settings = { redisUrl, lockMs: 4000, bucket: undefined };
const log = pino({ level: 'silent' });

// The queue of hosted mode: jobs in the tests' real Redis, the server's mirror of them, and one
// worker loop (as `video-letter-mcp worker` runs it) taking one letter at a time.
queueConformance(
  'Redis queue and its worker',
  async (render) => {
    await emptyRedis(redisUrl);
    const root = tempDir('vl-queue-');
    const redis = redisConnection(redisUrl);
    const stopWorker = await startRenderWorker(redisUrl, redis, render, { concurrency: 1, lockMs: 4000 }, log);
    let shared = await SharedRenderQueue.open(settings, root, log);
    const views = new Map<string, RenderJobs>();
    return {
      home: (home) => {
        if (!views.has(home))
          views.set(home, shared.forHome({ home: path.join(root, home), outputDir: path.join(root, home, 'exports') }));
        return views.get(home)!;
      },
      close: async () => {
        await shared.close();
        await stopWorker();
        redis.disconnect();
      },
      restart: async () => {
        await shared.close();
        views.clear();
        shared = await SharedRenderQueue.open(settings, root, log);
      },
    };
  },
  true,
);
