import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, startServer, structured, tempDir, type RunningServer } from '../helpers/server.js';

const home = tempDir();
const env = { VIDEO_LETTER_HOME: home };
let running: RunningServer | undefined;

afterAll(async () => {
  await running?.close();
});

describe('a restarted server', () => {
  it('exports the letter that was generated before the restart', async () => {
    running = await startServer(env);
    const up = await running!.call('upload_media', { path: path.join(SAMPLES, 'life.jpg') });
    const projectId = structured<{ project_id: string }>(up).project_id;
    await running!.call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'sunset.jpg') });
    const generated = structured<{ summary: string; timeline: { duration: number } }>(
      await running!.call('generate_letter', {
        project_id: projectId,
        instruction: 'make it square',
        message: 'See you soon.',
      }),
    );
    await running.close();

    running = await startServer(env);
    const state = structured<{ summary: string }>(await running!.call('get_state', { project_id: projectId }));
    expect(state.summary).toBe(generated.summary);
    const out = structured<{ status: string; path: string }>(
      await running!.call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    expect(out.status).toBe('done');
    const video = await probeVideo(out.path);
    expect(video).toMatchObject({ width: 540, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(Math.abs(video.duration - generated.timeline.duration)).toBeLessThan(0.1);
  });
});
