import { RenderQueue } from '../../../src/backends/local/jobs/render-queue.js';
import type { RenderJobs } from '../../../src/backends/local/jobs/queue.js';
import { queueConformance } from './suite.js';

// The queue of a server without Redis: one per machine, in this process, one letter at a time.
queueConformance('in-process queue', async (render) => {
  const queue = new RenderQueue(1);
  const views = new Map<string, RenderJobs>();
  return {
    home: (home) => {
      if (!views.has(home)) views.set(home, queue.forHome(render));
      return views.get(home)!;
    },
    close: () => queue.idle(),
  };
});
