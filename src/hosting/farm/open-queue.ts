import type { SharedQueueConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { importFarm } from './packages.js';
import type { SharedRenderQueue } from './shared-queue.js';

/**
 * Opens the render queue on Redis for a server whose renders go to `video-letter-mcp worker`
 * processes. bullmq and ioredis load here, only when Redis is configured, and a personal install
 * that lacks them is told which packages to add.
 */
export async function openSharedQueue(
  settings: SharedQueueConfig,
  root: string,
  log: Logger,
): Promise<SharedRenderQueue> {
  const { SharedRenderQueue } = await importFarm(
    'A shared render queue (VIDEO_LETTER_REDIS_URL)',
    () => import('./shared-queue.js'),
  );
  return SharedRenderQueue.open(settings, root, log);
}
