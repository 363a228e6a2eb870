import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Backend } from '../core/backend.js';
import { LocalBackend } from './local/local.js';
import { ffmpegLookupFor, locateFfmpeg } from './local/render/run/locate-ffmpeg.js';
import { RenderQueue } from './local/jobs/render-queue.js';
import { sweepHome } from './local/jobs/sweep.js';

/**
 * Makes backends that share one machine: one ffmpeg (found once) and one render queue, so many
 * people's backends (each rooted at its own folder) render in turn; or, with Redis configured,
 * one queue shared by the servers and workers of many machines, behind the same RenderJobs interface
 * (src/backends/local/jobs/queue.ts).
 */
export interface BackendMaker {
  make(config: Config, log: Logger): Backend;
  /** Resolves when no render is queued or running (for a graceful shutdown). */
  rendersIdle(): Promise<void>;
  /** Lets go of what the backends share (the Redis queue's connections), once every backend is closed. */
  close(): Promise<void>;
}

const nothingToClose = async () => undefined;

export async function createBackendMaker(config: Config, log: Logger): Promise<BackendMaker> {
  switch (config.backend) {
    case 'local': {
      const tools = await locateFfmpeg(ffmpegLookupFor(config));
      log.info({ ffmpeg: tools.ffmpeg, version: tools.version }, 'ffmpeg ready');
      if (config.sharedQueue) {
        // Renders go through Redis to `video-letter-mcp worker` processes, and go on when this server
        // stops. Imported here, not at the top, so a server without Redis never loads bullmq or ioredis.
        const { openSharedQueue } = await import('../hosting/farm/open-queue.js');
        const shared = await openSharedQueue(config.sharedQueue, config.home, log);
        return {
          // Its workers run the render function themselves (src/hosting/farm/worker.ts).
          make: (c, l) => new LocalBackend(c, l, tools, () => shared.forHome(c)),
          rendersIdle: async () => undefined,
          close: () => shared.close(),
        };
      }
      // What a killed server of this home left (temp files, ffmpeg still running) goes first.
      await sweepHome(config.home, log);
      const renders = new RenderQueue(config.renderConcurrency);
      return {
        make: (c, l) => new LocalBackend(c, l, tools, (render) => renders.forHome(render)),
        rendersIdle: () => renders.idle(),
        close: nothingToClose,
      };
    }
    case 'cloud': {
      // NemoVideo renders on its own servers; nothing here to wait for. Its HTTP client (undici)
      // loads only for people who use it.
      const { createCloudBackend } = await import('./cloud/cloud.js');
      return { make: (c, l) => createCloudBackend(c, l), rendersIdle: async () => undefined, close: nothingToClose };
    }
  }
}
