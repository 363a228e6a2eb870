import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  type State,
} from '../../helpers/hosted.js';
import { probeVideo } from '../../helpers/media.js';
import { startHttpServer } from '../../helpers/http-server.js';
import { emptyRedis, restartRedis, stopRedis, testRedisUrl } from '../../helpers/redis.js';
import { CLI, structured, tempDir } from '../../helpers/server.js';

const redisUrl = testRedisUrl();

beforeEach(() => emptyRedis(redisUrl));
afterEach(stopAll);

describe('renders on workers through Redis', () => {
  it('retries a render on another worker when its worker is killed, and delivers the letter once', async () => {
    const shared = sharedSetup(redisUrl);
    const first = await shared.worker();
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg', 'mountains.jpg']);

    const rendering = await exportUntil(server, projectId, (e) => e.status === 'rendering' && (e.percent ?? 0) > 0);
    expect(rendering).toMatchObject({ status: 'rendering', job_id: expect.stringMatching(/^r_/) });
    const second = await shared.worker();
    first.kill();

    const done = await exportUntil(server, projectId, finished);
    expect(done).toMatchObject({ status: 'done', job_id: rendering.job_id });
    expect(shared.exports()).toEqual([path.basename(done.path!)]);
    expect(await probeVideo(done.path!)).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    await deliveredBy(second, 1);
    expect(first.delivered()).toBe(0);
    const state = structured<State>(await call(server, 'get_state', { project_id: projectId }));
    expect(state.renders.filter((r) => r.status === 'done')).toEqual([
      expect.objectContaining({ job_id: rendering.job_id, path: done.path }),
    ]);
  });

  it('loses no render when Redis restarts while one renders and another waits', async () => {
    const shared = sharedSetup(redisUrl, 15);
    const worker = await shared.worker();
    const server = await shared.server();
    const projects = [
      await letter(server, ['life.jpg', 'sunset.jpg']),
      await letter(server, ['friends.jpg', 'mountains.jpg'], 'See you soon.'),
    ];

    const started = await Promise.all(projects.map((p) => exportVideo(server, p, 'preview')));
    expect(started.map((e) => e.status).sort()).toEqual(['queued', 'rendering']);
    await restartRedis(redisUrl, 1500);

    const done = await Promise.all(projects.map((p) => exportUntil(server, p, finished, 'preview')));
    expect(done.map((e) => e.status)).toEqual(['done', 'done']);
    for (const e of done)
      expect(await probeVideo(e.path!)).toMatchObject({
        width: 960,
        height: 540,
        videoCodec: 'h264',
        audioCodec: 'aac',
      });
    expect(shared.exports().sort()).toEqual(done.map((e) => path.basename(e.path!)).sort());
    await deliveredBy(worker, 2);
  });

  it('stops a render on a worker when the export is cancelled from the server', async () => {
    const shared = sharedSetup(redisUrl);
    const worker = await shared.worker();
    const server = await shared.server();
    const projectId = await letter(server, ['friends.jpg', 'sunset.jpg', 'mountains.jpg', 'life.jpg']);

    const rendering = await exportUntil(server, projectId, (e) => e.status === 'rendering');
    const cancelled = structured<Exported>(await call(server, 'export_video', { project_id: projectId, cancel: true }));

    expect(cancelled).toMatchObject({ status: 'cancelled', job_id: rendering.job_id });
    const state = structured<State>(await call(server, 'get_state', { project_id: projectId }));
    expect(state.renders).toEqual([expect.objectContaining({ job_id: rendering.job_id, status: 'cancelled' })]);
    expect(worker.log()).toContain('render cancelled on request');
    expect(shared.files()).toEqual([]);
  });

  it("attaches a second server's export of the same letter to the render already under way", async () => {
    const shared = sharedSetup(redisUrl);
    const worker = await shared.worker();
    const one = await shared.server();
    const two = await shared.server();
    const projectId = await letter(one, ['life.jpg', 'mountains.jpg']);

    const first = await exportVideo(one, projectId, 'preview');
    const second = await exportVideo(two, projectId, 'preview');
    expect(second.job_id).toBe(first.job_id);
    const seenByTwo = structured<State>(await call(two, 'get_state', { project_id: projectId }));
    expect(seenByTwo.renders.map((r) => r.job_id)).toContain(first.job_id);

    const [doneOne, doneTwo] = await Promise.all([
      exportUntil(one, projectId, finished, 'preview'),
      exportUntil(two, projectId, finished, 'preview'),
    ]);
    expect(doneTwo).toMatchObject({ status: 'done', path: doneOne.path });
    expect(shared.exports()).toEqual([path.basename(doneOne.path!)]);
    expect(
      worker
        .log()
        .split('\n')
        .filter((l) => l.includes('worker took a render')),
    ).toHaveLength(1);
  });

  it('hands over the finished letter again without rendering, and renders anew once its file is deleted', async () => {
    const shared = sharedSetup(redisUrl);
    const worker = await shared.worker();
    const server = await shared.server();
    const projectId = await letter(server, ['sunset.jpg']);

    const first = await exportUntil(server, projectId, finished, 'preview');
    const again = await exportUntil(server, projectId, finished, 'preview');
    expect(again).toMatchObject({ status: 'done', path: first.path });
    rmSync(first.path!);
    const redone = await exportUntil(server, projectId, finished, 'preview');

    expect(redone.status).toBe('done');
    expect(await probeVideo(redone.path!)).toMatchObject({ width: 960, height: 540, videoCodec: 'h264' });
    await deliveredBy(worker, 2);
  });

  it('refuses to start a worker without Redis, saying what to set', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [CLI, 'worker'],
        { env: { PATH: process.env.PATH ?? '', VIDEO_LETTER_HOME: tempDir() } },
        (_e, _out, err) => resolve({ code: child.exitCode, stderr: err }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toContain('set VIDEO_LETTER_REDIS_URL to the Redis the server uses');
  });

  it('stops cleanly on SIGTERM, letting go of Redis, even when Redis is away', async () => {
    const shared = sharedSetup(redisUrl);
    const server = await startHttpServer({ VIDEO_LETTER_HOME: shared.home, VIDEO_LETTER_REDIS_URL: redisUrl });
    const startAgain = await stopRedis(redisUrl);
    try {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.stderr()).toContain('"msg":"stopped"');
    } finally {
      await startAgain();
    }
  });
});
