import { describe, expect, it } from 'vitest';
import { RenderQueue, RETENTION } from '../../../../../src/backends/local/jobs/render-queue.js';
import type { RenderLetter } from '../../../../../src/backends/local/jobs/queue.js';
import { etaSeconds, type RenderJob } from '../../../../../src/core/render.js';
import { exportOf } from '../../../queue-conformance/suite.js';

// What every queue promises is in test/unit/queue-conformance/; here, what only this one does.
const never = new AbortController().signal;
const rendered: RenderLetter = async (jobId, spec) => exportOf(jobId, spec);

/** A render that finishes only when the test says so. */
function controllable() {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const render: RenderLetter = async (jobId, spec) => {
    await gate;
    return exportOf(jobId, spec);
  };
  return { render, finish: () => finish() };
}

describe('RenderQueue', () => {
  it('runs one render at a time across every letter engine on the machine, and starts the next when the first ends', async () => {
    const queue = new RenderQueue(1);
    const first = controllable();
    const alice = queue.forHome(first.render);
    const bob = queue.forHome(rendered);
    const a = alice.submit({ projectId: 'a', key: 'k', quality: 'final' });
    const b = bob.submit({ projectId: 'b', key: 'k', quality: 'final' });
    await alice.wait(a, 20, never, () => undefined);
    expect([a.status, b.status]).toEqual(['rendering', 'queued']);
    expect(bob.ahead(b)).toBe(1);
    first.finish();
    await queue.idle();
    expect([a.status, b.status]).toEqual(['done', 'done']);
    expect(b.result?.jobId).toBe(b.id);
  });
});

describe('RenderQueue retention (its projects remember every render; the queue only the latest)', () => {
  it("keeps each project's newest finished jobs, and every job still queued or rendering", async () => {
    const queue = new RenderQueue(1, { ...RETENTION, perProject: 2 });
    const running = controllable();
    const done = queue.forHome(rendered);
    const slow = queue.forHome(running.render);
    const finished = [1, 2, 3, 4].map((n) => done.submit({ projectId: 'p', key: `k${n}`, quality: 'final' }));
    const other = done.submit({ projectId: 'q', key: 'k', quality: 'final' });
    await queue.idle();
    const current = slow.submit({ projectId: 'p', key: 'k5', quality: 'final' });
    expect(done.all().map((j) => j.id)).toEqual([finished[2]!.id, finished[3]!.id, other.id]);
    expect(slow.all()).toEqual([current]);
    expect(done.find('p', 'k1')).toBeUndefined();
    expect(done.find('p', 'k4')).toBe(finished[3]);
    running.finish();
    await queue.idle();
  });

  it('lets go of finished jobs once they are older than the retention time', async () => {
    let now = Date.now();
    const queue = new RenderQueue(1, { perProject: 5, ms: 60_000, now: () => now });
    const jobs = queue.forHome(rendered);
    const old = jobs.submit({ projectId: 'p', key: 'old', quality: 'final' });
    await queue.idle();
    expect(jobs.get(old.id)).toBe(old);
    now += 61_000;
    const fresh = jobs.submit({ projectId: 'p', key: 'new', quality: 'final' });
    await queue.idle();
    expect(jobs.all()).toEqual([fresh]);
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
