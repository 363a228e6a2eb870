import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LetterError } from '../../../src/core/errors.js';
import type { ExportInfo, RenderJob, RenderSpec } from '../../../src/core/render.js';
import { CANCELLED, type RenderJobs, type RenderLetter } from '../../../src/backends/local/jobs/queue.js';

/**
 * One render queue as the suite sees it: a view per letter engine (per person's folder), all on
 * one queue that renders one letter at a time with the suite's render function.
 */
export interface QueueUnderTest {
  /** The queue as the letter engine of folder `home` sees it (the same view for the same name). */
  home(home: string): RenderJobs;
  /** Stops the queue (and whatever renders for it). */
  close(): Promise<void>;
  /** For a queue whose jobs outlive its server: closes this one and opens it again on the same store. */
  restart?(): Promise<void>;
}

export type QueueFactory = (render: RenderLetter) => Promise<QueueUnderTest>;

/** The export a render of `spec` makes: its MP4 named for the letter, in the folder the renderer writes to. */
export const exportOf = (jobId: string, spec: RenderSpec): ExportInfo => ({
  jobId,
  path: `/renderer/exports/${spec.projectId}-${spec.key}.mp4`,
  durationSeconds: 12,
  sizeBytes: 1000,
  width: spec.quality === 'final' ? 1920 : 960,
  height: spec.quality === 'final' ? 1080 : 540,
  renderSeconds: 1,
  quality: spec.quality,
  finishedAt: new Date().toISOString(),
});

/**
 * Renders that end when the test says: each reports 40% once it begins, then waits for
 * `finish(key)`, `fail(key, error)` or its cancel.
 */
function testRenders() {
  const started: string[] = [];
  const gates = new Map<string, { finish: () => void; fail: (e: Error) => void; gate: Promise<void> }>();
  const gateOf = (key: string) => {
    let gate = gates.get(key);
    if (!gate) {
      let finish: () => void = () => undefined;
      let fail!: (e: Error) => void;
      const promise = new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
      promise.catch(() => undefined);
      if (finishing) finish();
      gate = { finish, fail, gate: promise };
      gates.set(key, gate);
    }
    return gate;
  };
  const render: RenderLetter = async (jobId, spec, signal, progress) => {
    started.push(spec.key);
    progress(40);
    await Promise.race([
      gateOf(spec.key).gate,
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('killed')), { once: true })),
    ]);
    return exportOf(jobId, spec);
  };
  let finishing = false;
  return {
    render,
    /** Lets every render end, those begun and those to come (before the queue closes). */
    finishAll: () => {
      finishing = true;
      for (const gate of gates.values()) gate.finish();
    },
    /** The keys of the renders begun so far, in order. */
    started: () => [...started],
    finish: (key: string) => gateOf(key).finish(),
    fail: (key: string, e: Error) => gateOf(key).fail(e),
  };
}

const spec = (projectId: string, key: string): RenderSpec => ({ projectId, key, quality: 'preview' });
const never = new AbortController().signal;
const WAIT = { timeout: 15_000, interval: 20 };

/**
 * The render-queue contract (src/backends/local/jobs/queue.ts), run against every implementation
 * as BullMQ runs one suite against every adapter: the in-process queue (in-process.test.ts) and
 * the Redis queue with its worker loop (redis.test.ts).
 */
export function queueConformance(name: string, makeQueue: QueueFactory, restartable = false): void {
  describe(`render queue contract: ${name}`, () => {
    let renders: ReturnType<typeof testRenders>;
    let queue: QueueUnderTest;
    let jobs: RenderJobs;
    /** The job as the queue now has it. */
    const now = (job: RenderJob) => jobs.get(job.id) ?? job;
    const status = (job: RenderJob) => now(job).status;

    beforeEach(async () => {
      renders = testRenders();
      queue = await makeQueue(renders.render);
      jobs = queue.home('alice');
    });
    afterEach(async () => {
      renders.finishAll();
      await queue.close();
    });

    it('answers a submit at once with its job, then renders it with progress and ends done with its export', async () => {
      const seen: string[] = [];
      const job = jobs.submit(spec('p1', 'k1'), (j) => void seen.push(j.status));
      expect(job).toMatchObject({ projectId: 'p1', key: 'k1', quality: 'preview' });
      // Queued, or already begun when a renderer was free.
      expect(['queued', 'rendering']).toContain(job.status);

      await vi.waitFor(() => expect(now(job)).toMatchObject({ status: 'rendering', percent: 40 }), WAIT);
      renders.finish('k1');
      await vi.waitFor(() => expect(status(job)).toBe('done'), WAIT);

      const done = now(job);
      expect(done.percent).toBe(100);
      expect(done.result).toMatchObject({ jobId: done.id, quality: 'preview', width: 960, height: 540 });
      expect(path.basename(done.result!.path)).toBe('p1-k1.mp4');
      expect(seen[0]).toBe('queued');
      expect(seen).toContain('rendering');
      expect(seen.at(-1)).toBe('done');
    });

    it('passes progress to whoever waits, and a wait that runs out answers with the job still rendering', async () => {
      const job = jobs.submit(spec('p1', 'k1'));
      const percents: number[] = [];
      await vi.waitFor(() => expect(status(job)).toBe('rendering'), WAIT);
      const waited = await jobs.wait(now(job), 200, never, (j) => percents.push(j.percent));
      expect(waited).toMatchObject({ id: job.id, status: 'rendering', percent: 40 });
      renders.finish('k1');
      expect(await jobs.wait(now(job), 15_000, never, () => undefined)).toMatchObject({ status: 'done' });
    });

    it('leaves the job rendering when the one waiting goes away', async () => {
      const job = jobs.submit(spec('p1', 'k1'));
      const caller = new AbortController();
      const waiting = jobs.wait(job, 60_000, caller.signal, () => undefined);
      caller.abort();
      await waiting;
      await vi.waitFor(() => expect(status(job)).toBe('rendering'), WAIT);
      renders.finish('k1');
      await vi.waitFor(() => expect(status(job)).toBe('done'), WAIT);
    });

    it('finds the job of a letter and key, so a second export attaches to it instead of rendering again', async () => {
      const job = jobs.submit(spec('p1', 'k1'));
      expect(jobs.find('p1', 'k1')?.id).toBe(job.id);
      expect(jobs.find('p1', 'other')).toBeUndefined();
      expect(jobs.active('p1')?.id).toBe(job.id);
      renders.finish('k1');
      await vi.waitFor(() => expect(status(job)).toBe('done'), WAIT);

      expect(jobs.find('p1', 'k1')).toMatchObject({ id: job.id, status: 'done' });
      expect(jobs.active('p1')).toBeUndefined();
      expect(renders.started()).toEqual(['k1']);
    });

    it('shows each letter engine only its own jobs, while counting every job ahead', async () => {
      const mine = jobs.submit(spec('p1', 'k1'));
      await vi.waitFor(() => expect(status(mine)).toBe('rendering'), WAIT);
      const bob = queue.home('bob');
      const theirs = bob.submit(spec('p2', 'k2'));

      expect(jobs.all().map((j) => j.id)).toEqual([mine.id]);
      expect(jobs.get(theirs.id)).toBeUndefined();
      expect(jobs.find('p2', 'k2')).toBeUndefined();
      expect(bob.ahead(theirs)).toBe(1);
      jobs.cancel(theirs.id);
      renders.finish('k1');
      renders.finish('k2');
      await vi.waitFor(() => expect(bob.get(theirs.id)?.status).toBe('done'), WAIT);
    });

    it('cancels a queued job before it ever starts', async () => {
      const first = jobs.submit(spec('p1', 'k1'));
      await vi.waitFor(() => expect(status(first)).toBe('rendering'), WAIT);
      const second = jobs.submit(spec('p2', 'k2'));
      await vi.waitFor(() => expect(jobs.ahead(now(second))).toBe(1), WAIT);

      jobs.cancel(second.id);
      await vi.waitFor(() => expect(now(second)).toMatchObject({ status: 'cancelled', error: CANCELLED }), WAIT);
      renders.finish('k1');
      await vi.waitFor(() => expect(status(first)).toBe('done'), WAIT);
      expect(renders.started()).toEqual(['k1']);
    });

    it('cancels a running job by stopping its render, and writes no export', async () => {
      const job = jobs.submit(spec('p1', 'k1'));
      await vi.waitFor(() => expect(status(job)).toBe('rendering'), WAIT);

      jobs.cancel(job.id);
      const ended = await jobs.wait(now(job), 15_000, never, () => undefined);
      expect(ended).toMatchObject({ status: 'cancelled', error: CANCELLED });
      expect(ended.result).toBeUndefined();
      expect(jobs.active('p1')).toBeUndefined();
    });

    it('never touches a finished job when asked to cancel it', async () => {
      const job = jobs.submit(spec('p1', 'k1'));
      renders.finish('k1');
      await vi.waitFor(() => expect(status(job)).toBe('done'), WAIT);
      jobs.cancel(job.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(now(job)).toMatchObject({ status: 'done', percent: 100 });
    });

    it("ends a render that fails as failed, carrying the render's sentence", async () => {
      const sentence = 'The photo beach.jpg could not be read. Upload it again as JPEG, PNG, WebP or HEIC.';
      const job = jobs.submit(spec('p1', 'k1'));
      await vi.waitFor(() => expect(status(job)).toBe('rendering'), WAIT);
      renders.fail('k1', new LetterError('render_failed', sentence));

      await vi.waitFor(() => expect(now(job)).toMatchObject({ status: 'failed', error: sentence }), WAIT);
      expect(now(job).result).toBeUndefined();
      expect(jobs.find('p1', 'k1')).toBeUndefined();
    });

    if (restartable)
      it('keeps its jobs through a restart of the server: finished ones with their export, running ones to their end', async () => {
        const finished = jobs.submit(spec('p1', 'k1'));
        renders.finish('k1');
        await vi.waitFor(() => expect(status(finished)).toBe('done'), WAIT);
        const running = jobs.submit(spec('p2', 'k2'));
        await vi.waitFor(() => expect(status(running)).toBe('rendering'), WAIT);

        await queue.restart!();
        jobs = queue.home('alice');
        await vi.waitFor(() => expect(jobs.find('p2', 'k2')?.status).toBe('rendering'), WAIT);
        expect(jobs.find('p1', 'k1')).toMatchObject({ id: finished.id, status: 'done' });
        expect(path.basename(jobs.find('p1', 'k1')!.result!.path)).toBe('p1-k1.mp4');

        renders.finish('k2');
        await vi.waitFor(() => expect(jobs.get(running.id)?.status).toBe('done'), WAIT);
      });
  });
}
