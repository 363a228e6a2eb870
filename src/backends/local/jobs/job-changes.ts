import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { isActive, type RenderJob } from '../../../core/render.js';

/** A queue's hold on one job: the job as it now stands, and a promise kept when it has ended. */
export interface HeldJob {
  job: RenderJob;
  settled: Promise<void>;
}

/**
 * The changes of a queue's jobs, passed on to whoever waits for one. Both queues keep theirs here
 * (render-queue.ts in this process, the shared queue's mirror in src/hosting/farm/), so `wait` of
 * the queue contract (queue.ts) is one piece of code.
 */
export class JobChanges {
  private readonly events = new EventEmitter();

  constructor() {
    // One listener per waiting caller, and many may wait at once.
    this.events.setMaxListeners(0);
  }

  /** Passes a job's new status or percent to everyone waiting for it. */
  tell(job: RenderJob): void {
    this.events.emit('change', job);
  }

  /**
   * Waits until the held job ends, `ms` pass or `signal` aborts, whichever is first, passing its
   * changes to `onProgress` meanwhile, and gives the job as it then stands. The caller going away
   * never touches the job; a job the queue no longer holds is given back as it was asked for.
   */
  async wait(
    held: HeldJob | undefined,
    job: RenderJob,
    ms: number,
    signal: AbortSignal,
    onProgress: (job: RenderJob) => void,
  ): Promise<RenderJob> {
    if (!held || !isActive(held.job.status)) return held?.job ?? job;
    const listener = (changed: RenderJob) => {
      if (changed.id === job.id) onProgress(changed);
    };
    this.events.on('change', listener);
    try {
      // Not ref'd: a caller waiting does not keep the process alive; an aborted signal ends the sleep at once.
      await Promise.race([held.settled, sleep(ms, undefined, { signal, ref: false }).catch(() => undefined)]);
    } finally {
      this.events.off('change', listener);
    }
    return held.job;
  }
}
