import { Queue, QueueEvents, type QueueEventsListener } from 'bullmq';
import type { Redis } from 'ioredis';
import { LetterError } from '../../core/errors.js';
import { exists } from '../../files.js';
import type { Logger } from '../../log.js';
import type { PartRenderer, RunOptions } from '../../backends/local/render/run/render-once.js';
import { makeWay, stopJob } from './job-control.js';
import { PART_OUTPUT, partJobId, partOrder, PARTS_QUEUE, type PartOrder } from './part-order.js';
import { redisConnection } from './redis.js';

/** Finished parts' jobs stay this long (at most this many), to see which worker rendered what. */
const KEEP_FINISHED = { age: 3600, count: 1000 };

/** BullMQ's QueueEvents also tells each event as `<event>:<jobId>`, which its types do not list. */
interface PerJobEvents extends QueueEventsListener {
  [event: `progress:${string}`]: (args: { data: unknown }) => void;
  [event: `completed:${string}`]: () => void;
  [event: `failed:${string}`]: (args: { failedReason: string }) => void;
}

/**
 * The side of a worker that owns a letter: instead of rendering the letter's parts itself, it
 * puts each on the parts queue as soon as its photos are ready and waits for it, passing its
 * progress on, so all the parts are on the queue at once for any worker with a free core (this
 * one included, see part-worker.ts). Stopping the letter stops its parts.
 */
export class SharedParts {
  private constructor(
    private readonly queue: Queue<PartOrder>,
    private readonly events: QueueEvents,
    /** For cancel messages. */
    private readonly redis: Redis,
    /** VIDEO_LETTER_HOME: the parts' files are named relative to it. */
    private readonly root: string,
    private readonly log: Logger,
  ) {
    this.events.setMaxListeners(0);
  }

  static async open(redisUrl: string, redis: Redis, root: string, log: Logger): Promise<SharedParts> {
    // A part that fails would fail the same way again; one whose worker died goes back to the queue.
    const queue = new Queue<PartOrder>(PARTS_QUEUE, {
      connection: redisConnection(redisUrl),
      defaultJobOptions: { attempts: 1, removeOnComplete: KEEP_FINISHED, removeOnFail: KEEP_FINISHED },
    });
    const events = new QueueEvents(PARTS_QUEUE, { connection: redisConnection(redisUrl) });
    const trouble = (e: Error) => log.warn({ err: e.message }, 'parts queue: Redis connection trouble');
    queue.on('error', trouble);
    events.on('error', trouble);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new SharedParts(queue, events, redis, root, log);
  }

  /** Where the parts of the letter rendered as job `letterJobId` go: onto the parts queue. */
  renderer(letterJobId: string): PartRenderer {
    return async (file, argsFor, run) => {
      if (await exists(file)) return false;
      const id = partJobId(letterJobId, file);
      await this.put(id, partOrder(this.root, letterJobId, file, argsFor(PART_OUTPUT), run.durationSeconds));
      await this.finished(id, run);
      return true;
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.close(), this.events.close()]);
  }

  /** Adds the part, unless it is already on the queue (a letter taken over from a worker that died): then waits for that one. */
  private async put(id: string, order: PartOrder): Promise<void> {
    await makeWay(this.queue, this.redis, id);
    await this.queue.add('part', order, { jobId: id });
    this.log.debug({ jobId: id, letterJobId: order.letterJobId }, 'part put on the parts queue');
  }

  /** Resolves when the part is rendered, rejects with its sentence if it failed; the run's signal stops it. */
  private finished(id: string, run: RunOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const progress = ({ data }: { data: unknown }) => {
        if (typeof data === 'number') run.onProgress?.(data);
      };
      const completed = () => end();
      const failed = ({ failedReason }: { failedReason: string }) =>
        end(new LetterError('render_failed', failedReason || 'A part of the letter could not be rendered.'));
      const abort = () => {
        end(new LetterError('render_cancelled', 'The letter was stopped before this part of it was rendered.'));
        void this.stop(id);
      };
      const end = (error?: Error) => {
        this.events.off<PerJobEvents>(`progress:${id}`, progress);
        this.events.off<PerJobEvents>(`completed:${id}`, completed);
        this.events.off<PerJobEvents>(`failed:${id}`, failed);
        run.signal?.removeEventListener('abort', abort);
        if (error === undefined) resolve();
        else reject(error);
      };
      this.events.on<PerJobEvents>(`progress:${id}`, progress);
      this.events.on<PerJobEvents>(`completed:${id}`, completed);
      this.events.on<PerJobEvents>(`failed:${id}`, failed);
      if (run.signal?.aborted) return abort();
      run.signal?.addEventListener('abort', abort, { once: true });
      // It may have finished before the listeners were there.
      void (async () => {
        const job = await this.queue.getJob(id);
        const state = await job?.getState();
        if (state === 'completed') completed();
        else if (state === 'failed') failed({ failedReason: job!.failedReason });
      })().catch((e: Error) => end(e));
    });
  }

  /** Stops a part: off the queue if no worker began it, else its worker kills its ffmpeg (and one about to begin it does not). */
  private async stop(id: string): Promise<void> {
    try {
      await stopJob(this.queue, this.redis, id);
    } catch (e) {
      this.log.warn({ err: (e as Error).message, jobId: id }, 'could not stop a part');
    }
  }
}
