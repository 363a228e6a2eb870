import { describe, expect, it } from 'vitest';
import {
  etaSeconds,
  RenderQueue,
  RETENTION,
  type RenderJob,
} from '../../../../../src/backends/local/jobs/render-queue.js';
import type { ExportInfo } from '../../../../../src/core/backend.js';

const info = (jobId: string): ExportInfo => ({
  jobId,
  path: `/out/${jobId}.mp4`,
  durationSeconds: 10,
  sizeBytes: 1,
  width: 1920,
  height: 1080,
  renderSeconds: 1,
  quality: 'final',
  finishedAt: '',
});
const never = new AbortController().signal;

/** A render that finishes only when the test says so. */
function controllable() {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let started = 0;
  const work = async (jobId: string, signal: AbortSignal) => {
    started++;
    await Promise.race([
      gate,
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('killed')))),
    ]);
    return info(jobId);
  };
  return { work, finish: () => finish(), started: () => started };
}

describe('RenderQueue', () => {
  it('finds the running job for the same letter, so a second export attaches instead of rendering again', () => {
    const queue = new RenderQueue(1);
    const render = controllable();
    const job = queue.submit({ projectId: 'p', key: 'k', quality: 'final' }, render.work);
    expect(queue.find('p', 'k')).toBe(job);
    expect(queue.find('p', 'other')).toBeUndefined();
  });

  it('runs one render at a time and starts the next when the first ends', async () => {
    const queue = new RenderQueue(1);
    const first = controllable();
    const second = controllable();
    const a = queue.submit({ projectId: 'a', key: 'k', quality: 'final' }, first.work);
    const b = queue.submit({ projectId: 'b', key: 'k', quality: 'final' }, second.work);
    await queue.wait(a, 20, never, () => undefined);
    expect([a.status, b.status]).toEqual(['rendering', 'queued']);
    expect(queue.ahead(b)).toBe(1);
    first.finish();
    second.finish();
    await queue.idle();
    expect([a.status, b.status]).toEqual(['done', 'done']);
    expect(b.result?.path).toBe(`/out/${b.id}.mp4`);
  });

  it('stops waiting when the caller goes away but leaves the job running', async () => {
    const queue = new RenderQueue(1);
    const render = controllable();
    const job = queue.submit({ projectId: 'p', key: 'k', quality: 'final' }, render.work);
    const caller = new AbortController();
    const waiting = queue.wait(job, 60_000, caller.signal, () => undefined);
    caller.abort();
    await waiting;
    expect(job.status).toBe('rendering');
    render.finish();
    await queue.idle();
    expect(job.status).toBe('done');
  });

  it('cancels a queued job before it ever starts', async () => {
    const queue = new RenderQueue(1);
    const first = controllable();
    const second = controllable();
    queue.submit({ projectId: 'a', key: 'k', quality: 'final' }, first.work);
    const b = queue.submit({ projectId: 'b', key: 'k', quality: 'final' }, second.work);
    queue.cancel(b.id);
    first.finish();
    await queue.idle();
    expect(b.status).toBe('cancelled');
    expect(second.started()).toBe(0);
  });

  it('cancels a running job by aborting its render', async () => {
    const queue = new RenderQueue(1);
    const render = controllable();
    const job = queue.submit({ projectId: 'p', key: 'k', quality: 'final' }, render.work);
    await queue.wait(job, 20, never, () => undefined);
    queue.cancel(job.id);
    await queue.idle();
    expect(job).toMatchObject({ status: 'cancelled', error: 'Cancelled on request.' });
  });
});

describe('RenderQueue retention (its projects remember every render; the queue only the latest)', () => {
  const done = async (jobId: string) => info(jobId);

  it("keeps each project's newest finished jobs, and every job still queued or rendering", async () => {
    const queue = new RenderQueue(1, { ...RETENTION, perProject: 2 });
    const finished = [1, 2, 3, 4].map((n) => queue.submit({ projectId: 'p', key: `k${n}`, quality: 'final' }, done));
    const other = queue.submit({ projectId: 'q', key: 'k', quality: 'final' }, done);
    await queue.idle();
    const running = controllable();
    const current = queue.submit({ projectId: 'p', key: 'k5', quality: 'final' }, running.work);
    expect(queue.all().map((j) => j.id)).toEqual([finished[2]!.id, finished[3]!.id, other.id, current.id]);
    expect(queue.find('p', 'k1')).toBeUndefined();
    expect(queue.find('p', 'k4')).toBe(finished[3]);
    running.finish();
    await queue.idle();
  });

  it('lets go of finished jobs once they are older than the retention time', async () => {
    let now = Date.now();
    const queue = new RenderQueue(1, { perProject: 5, ms: 60_000, now: () => now });
    const old = queue.submit({ projectId: 'p', key: 'old', quality: 'final' }, done);
    await queue.idle();
    expect(queue.get(old.id)).toBe(old);
    now += 61_000;
    const fresh = queue.submit({ projectId: 'p', key: 'new', quality: 'final' }, done);
    await queue.idle();
    expect(queue.all()).toEqual([fresh]);
  });
});

describe('etaSeconds', () => {
  it('extrapolates from the pace so far', () => {
    const job = { status: 'rendering', percent: 25, startedAt: 0 } as RenderJob;
    expect(etaSeconds(job, 10_000)).toBe(30);
  });

  it('gives no estimate before there is a pace to go by', () => {
    expect(etaSeconds({ status: 'rendering', percent: 1, startedAt: 0 } as RenderJob, 5000)).toBeNull();
  });
});
