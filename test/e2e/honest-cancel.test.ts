import path from 'node:path';
import { expect, it } from 'vitest';
import { ffmpegsMentioning, until } from '../helpers/processes.js';
import { SAMPLES, serverPerTest, structured, tempDir } from '../helpers/server.js';

const { start, call } = serverPerTest();

it('answers that an export is cancelled only once its ffmpeg has really stopped', async () => {
  const home = tempDir('vl-cancel-');
  await start({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.3' });
  const first = await call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
  const projectId = structured<{ project_id: string }>(first).project_id;
  for (const photo of ['friends.jpg', 'mountains.jpg', 'life.jpg'])
    await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, photo) });
  await call('generate_letter', { project_id: projectId, message: 'Thinking of you every day.', length_seconds: 60 });
  const started = structured<{ status: string }>(await call('export_video', { project_id: projectId }));
  expect(started.status).toBe('rendering');
  await until(() => ffmpegsMentioning(home).length > 0, 120_000, 'the render to start ffmpeg');

  const cancelled = structured<{ status: string; message: string }>(
    await call('export_video', { project_id: projectId, cancel: true }),
  );
  expect(cancelled).toEqual(expect.objectContaining({ status: 'cancelled' }));
  expect(cancelled.message).toBe('The export was stopped; no video was written. Call export_video to start it again.');
  expect(ffmpegsMentioning(home)).toEqual([]);
});
