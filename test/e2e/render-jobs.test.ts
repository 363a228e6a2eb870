import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverPerTest, structured, tempDir } from '../helpers/server.js';

interface Exported {
  status: string;
  job_id?: string;
  path?: string;
  percent?: number;
  eta_seconds?: number | null;
  message: string;
}
interface State {
  renders: { job_id: string; status: string; path?: string; error?: string }[];
}

const { start, call, server } = serverPerTest();

/** A server whose export_video waits only a moment before answering "still rendering". */
async function impatientServer(home = tempDir()) {
  await start({
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.3',
    VIDEO_LETTER_RENDER_CONCURRENCY: '1',
  });
  return { home, out: path.join(home, 'exports') };
}

async function letter(photos: string[]): Promise<string> {
  const first = await call('upload_media', { path: path.join(SAMPLES, photos[0]!) });
  const projectId = structured<{ project_id: string }>(first).project_id;
  for (const p of photos.slice(1)) await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, p) });
  await call('generate_letter', { project_id: projectId, message: 'Thinking of you every day.' });
  return projectId;
}

async function exportUntilDone(
  projectId: string,
  quality = 'final',
): Promise<{ first: Exported; last: Exported; calls: number }> {
  const first = structured<Exported>(await call('export_video', { project_id: projectId, quality }));
  let last = first;
  let calls = 1;
  while (last.status === 'rendering' || last.status === 'queued') {
    last = structured<Exported>(await call('export_video', { project_id: projectId, quality }));
    calls++;
  }
  return { first, last, calls };
}

const rendersStarted = () =>
  server()
    .stderr()
    .split('\n')
    .filter((l) => l.includes('ffmpeg render started')).length;

describe('export as a background render job', () => {
  it('answers "rendering" with a job id and progress, then hands over the finished MP4 from one render', async () => {
    await impatientServer();
    const projectId = await letter(['friends.jpg', 'sunset.jpg']);
    const { first, last, calls } = await exportUntilDone(projectId);
    expect(first).toMatchObject({ status: 'rendering', job_id: expect.stringMatching(/^r_/) });
    expect(first.percent).toBeGreaterThanOrEqual(0);
    expect(first.message).toMatch(/Call export_video again with the same project_id/);
    expect(calls).toBeGreaterThan(1);
    expect(last).toMatchObject({ status: 'done', job_id: first.job_id });
    expect(await probeVideo(last.path!)).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    expect(rendersStarted()).toBe(1);
  });

  it('renders again when the finished file was deleted, and otherwise hands over the same file', async () => {
    await impatientServer();
    const projectId = await letter(['life.jpg']);
    const { last: first } = await exportUntilDone(projectId, 'preview');
    const { last: again } = await exportUntilDone(projectId, 'preview');
    expect(again.path).toBe(first.path);
    await fs.rm(first.path!);
    const { last: redone } = await exportUntilDone(projectId, 'preview');
    expect(existsSync(redone.path!)).toBe(true);
    expect(rendersStarted()).toBe(2);
  });

  it('keeps rendering when the waiting request is cancelled, and hands over that render later', async () => {
    await impatientServer();
    const projectId = await letter(['mountains.jpg', 'life.jpg']);
    const controller = new AbortController();
    const pending = call('export_video', { project_id: projectId }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    let state = structured<State>(await call('get_state', { project_id: projectId }));
    expect(state.renders[0]?.status).toMatch(/queued|rendering/);
    while (!['done', 'failed', 'cancelled'].includes(state.renders[0]!.status)) {
      await new Promise((r) => setTimeout(r, 500));
      state = structured<State>(await call('get_state', { project_id: projectId }));
    }
    expect(state.renders[0]!.status).toBe('done');
    const collected = structured<Exported>(await call('export_video', { project_id: projectId }));
    expect(collected).toMatchObject({ status: 'done', path: state.renders[0]!.path });
    expect(rendersStarted()).toBe(1);
  });

  it('stops the render on an explicit cancel and leaves no file behind', async () => {
    const { out } = await impatientServer();
    const projectId = await letter(['sunset.jpg', 'friends.jpg', 'mountains.jpg']);
    const started = structured<Exported>(await call('export_video', { project_id: projectId }));
    expect(started.status).toBe('rendering');
    const cancelled = structured<Exported>(
      await call('video_letter', { request: 'cancel the export', project_id: projectId }),
    );
    expect(cancelled).toMatchObject({
      routed_to: 'export_video',
      results: [{ status: 'cancelled', job_id: started.job_id }],
    });
    const state = structured<State>(await call('get_state', { project_id: projectId }));
    expect(state.renders[0]).toMatchObject({ job_id: started.job_id, status: 'cancelled' });
    const files = existsSync(out) ? await fs.readdir(out) : [];
    expect(files).toEqual([]);
  });

  it('queues a second letter behind the first, and finishes both', async () => {
    await impatientServer();
    const a = await letter(['friends.jpg']);
    const b = await letter(['life.jpg']);
    const replies = await Promise.all([
      call('export_video', { project_id: a, quality: 'preview' }),
      call('export_video', { project_id: b, quality: 'preview' }),
    ]).then((rs) => rs.map((r) => structured<Exported>(r)));
    // Whichever arrived second waits its turn and says so.
    const waiting = replies.find((r) => r.status === 'queued');
    expect(waiting?.message).toMatch(/Waiting for another letter to finish rendering first/);
    expect(replies.find((r) => r !== waiting)?.status).toMatch(/rendering|done/);
    const [doneA, doneB] = await Promise.all([exportUntilDone(a, 'preview'), exportUntilDone(b, 'preview')]);
    for (const done of [doneA, doneB])
      expect(await probeVideo(done.last.path!)).toMatchObject({ width: 960, height: 540 });
    expect(rendersStarted()).toBe(2);
  });

  it('reports a render cut short by a restart as interrupted, and keeps finished files', async () => {
    const { home } = await impatientServer();
    const finished = await letter(['friends.jpg']);
    const { last } = await exportUntilDone(finished, 'preview');
    const cut = await letter(['sunset.jpg', 'mountains.jpg']);
    expect(structured<Exported>(await call('export_video', { project_id: cut })).status).toBe('rendering');
    await server().close();

    await impatientServer(home);
    const cutState = structured<State>(await call('get_state', { project_id: cut }));
    expect(cutState.renders[0]).toMatchObject({
      status: 'interrupted',
      error: expect.stringMatching(/export_video to render again/),
    });
    const finishedState = structured<State>(await call('get_state', { project_id: finished }));
    expect(finishedState.renders[0]).toMatchObject({ status: 'done', path: last.path });
    expect(existsSync(last.path!)).toBe(true);
  });
});
