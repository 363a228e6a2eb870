import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CANCELLED } from '../../../src/backends/local/jobs/queue.js';
import { PartOrder, PARTS_QUEUE } from '../../../src/hosting/farm/part-order.js';
import {
  call,
  deliveredBy,
  exportUntil,
  exportVideo,
  finished,
  letter,
  sharedSetup,
  stopAll,
  type Exported,
} from '../../helpers/hosted.js';
import { FFMPEG, FFPROBE } from '../../helpers/binaries.js';
import { probeVideo } from '../../helpers/media.js';
import { emptyRedis, testRedisUrl, type RunningWorker } from '../../helpers/redis.js';
import { structured, tempDir, text, type RunningServer } from '../../helpers/server.js';

const redisUrl = testRedisUrl();
const parts = new Queue<PartOrder>(PARTS_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }) });

beforeEach(() => emptyRedis(redisUrl));
afterEach(stopAll);
afterAll(() => parts.close());

/** Parts of a second, so a preview of a few seconds is several parts for the workers to share. */
const shortParts = (seconds: number, lockSeconds = 4) =>
  sharedSetup(redisUrl, lockSeconds, { VIDEO_LETTER_PART_SECONDS: String(seconds) });

/** The letter's part jobs in Redis, in these states. */
async function partJobs(letterJobId: string, states: Parameters<typeof parts.getJobs>[0]) {
  const jobs = await parts.getJobs(states);
  return jobs.filter((j) => j.data.letterJobId === letterJobId);
}

const partsTaken = (worker: RunningWorker) =>
  worker
    .log()
    .split('\n')
    .filter((l) => l.includes('worker took a part')).length;

const ownerOf = (workers: RunningWorker[]) => workers.find((w) => w.log().includes('worker took a render'));

async function letterSeconds(server: RunningServer, projectId: string): Promise<number> {
  const state = structured<{ timeline: { duration: number } }>(
    await call(server, 'get_state', { project_id: projectId }),
  );
  return state.timeline.duration;
}

describe("a letter's parts on several workers", () => {
  it('renders the parts of one letter on both workers and delivers it joined, at its full length', async () => {
    const shared = shortParts(1);
    const workers = [await shared.worker(), await shared.worker()];
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg', 'mountains.jpg']);

    const done = await exportUntil(server, projectId, finished, 'preview');

    expect(done.status).toBe('done');
    const rendered = await partJobs(done.job_id!, ['completed']);
    expect(rendered.length).toBeGreaterThanOrEqual(4);
    await vi.waitFor(() => expect(partsTaken(workers[0]!) + partsTaken(workers[1]!)).toBe(rendered.length));
    expect(partsTaken(workers[0]!)).toBeGreaterThan(0);
    expect(partsTaken(workers[1]!)).toBeGreaterThan(0);
    const video = await probeVideo(done.path!);
    expect(video).toMatchObject({ width: 960, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(video.duration).toBeCloseTo(await letterSeconds(server, projectId), 1);
    expect(shared.exports()).toEqual([path.basename(done.path!)]);
  });

  it('delivers the letter once when a worker is killed while rendering one of its parts', async () => {
    const shared = shortParts(1);
    const workers = [await shared.worker(), await shared.worker()];
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg', 'mountains.jpg', 'life.jpg']);

    await exportVideo(server, projectId, 'preview');
    // The worker that did not take the letter, once it renders a part of it.
    const helper = await vi.waitFor(
      () => {
        const owner = ownerOf(workers);
        const other = workers.find((w) => w !== owner);
        expect(owner && other && partsTaken(other)).toBeGreaterThan(0);
        return other!;
      },
      { timeout: 60_000, interval: 50 },
    );
    helper.kill();
    const owner = ownerOf(workers)!;

    const done = await exportUntil(server, projectId, finished, 'preview');
    expect(done.status).toBe('done');
    const video = await probeVideo(done.path!);
    expect(video).toMatchObject({ width: 960, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(video.duration).toBeCloseTo(await letterSeconds(server, projectId), 1);
    expect(shared.exports()).toEqual([path.basename(done.path!)]);
    await deliveredBy(owner, 1);
    expect(helper.delivered()).toBe(0);
    // The part the killed worker held went back to the queue once its lock ran out, and was rendered.
    const rendered = await partJobs(done.job_id!, ['completed']);
    expect(rendered.filter((j) => j.stalledCounter > 0).length).toBeGreaterThan(0);
  });

  it('hands a letter whose worker died to another, which reuses the parts already rendered', async () => {
    const shared = shortParts(1);
    const workers = [await shared.worker(), await shared.worker()];
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg', 'mountains.jpg', 'life.jpg']);

    const { job_id: jobId } = await exportVideo(server, projectId, 'preview');
    await vi.waitFor(async () => expect((await partJobs(jobId!, ['completed'])).length).toBeGreaterThan(0), {
      timeout: 60_000,
      interval: 50,
    });
    const owner = ownerOf(workers)!;
    owner.kill();
    const other = workers.find((w) => w !== owner)!;

    const done = await exportUntil(server, projectId, finished, 'preview');
    expect(done).toMatchObject({ status: 'done', job_id: jobId });
    expect(shared.exports()).toEqual([path.basename(done.path!)]);
    await deliveredBy(other, 1);
    const report = other
      .log()
      .split('\n')
      .find((l) => l.includes('letter parts rendered or reused'));
    const { reused } = JSON.parse(report!) as { reused: number };
    expect(reused).toBeGreaterThan(0);
  });

  it("stops the letter's parts, on every worker, when its export is cancelled", async () => {
    const shared = shortParts(2);
    const workers = [await shared.worker(), await shared.worker()];
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg', 'mountains.jpg', 'life.jpg']);

    const rendering = await exportUntil(server, projectId, (e) => e.status === 'rendering', 'preview');
    await vi.waitFor(() => expect(workers.map(partsTaken).reduce((a, b) => a + b)).toBeGreaterThan(0), {
      timeout: 60_000,
      interval: 50,
    });
    const cancelled = structured<Exported>(await call(server, 'export_video', { project_id: projectId, cancel: true }));

    expect(cancelled).toMatchObject({ status: 'cancelled', job_id: rendering.job_id });
    await vi.waitFor(
      async () =>
        expect(await partJobs(rendering.job_id!, ['waiting', 'active', 'delayed', 'prioritized'])).toEqual([]),
      { timeout: 10_000 },
    );
    const stopped = await partJobs(rendering.job_id!, ['failed']);
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.map((j) => j.failedReason)).toEqual(stopped.map(() => CANCELLED));
    expect(workers.some((w) => w.log().includes('part stopped on request'))).toBe(true);
    expect(shared.files()).toEqual([]);
    // No part left half-written in the letter's cache.
    const cache = path.join(shared.home, 'projects', projectId, 'cache', 'parts');
    expect(readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails the letter with the sentence of a part that could not be rendered', async () => {
    // A machine whose ffmpeg renders sound but stops on every letter's pictures (only parts leave out the sound).
    const broken = path.join(tempDir('vl-broken-ffmpeg-'), 'ffmpeg');
    writeFileSync(
      broken,
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = "-an" ] && { echo "Disk quota exceeded" >&2; exit 1; }; done\nexec "${FFMPEG}" "$@"\n`,
    );
    chmodSync(broken, 0o755);
    const shared = sharedSetup(redisUrl, 4, {
      VIDEO_LETTER_PART_SECONDS: '2',
      FFMPEG_PATH: broken,
      FFPROBE_PATH: FFPROBE,
    });
    await shared.worker();
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg']);

    let result = await call(server, 'export_video', { project_id: projectId, quality: 'preview' });
    const jobId = structured<Exported>(result).job_id!;
    while (!result.isError) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      result = await call(server, 'export_video', { project_id: projectId, quality: 'preview' });
    }

    expect(text(result)).toMatch(
      /^The video could not be rendered: ffmpeg stopped with code 1 \(.*Disk quota exceeded/,
    );
    // The part's own sentence, word for word (the letter's other parts were stopped with it).
    const failed = await partJobs(jobId, ['failed']);
    expect(failed.map((j) => j.failedReason)).toContain(text(result));
    expect(shared.exports()).toEqual([]);
  });
});
