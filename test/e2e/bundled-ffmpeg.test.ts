import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, startServer, tempDir, type RunningServer } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const bundled = (pkg: string) => (require(pkg) as { path: string }).path;
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.close();
});

// A fresh machine without a system ffmpeg renders with the static build npm installs.
describe('the ffmpeg bundled through npm', () => {
  it('renders a letter on its own', async () => {
    server = await startServer({
      VIDEO_LETTER_HOME: tempDir(),
      FFMPEG_PATH: bundled('@ffmpeg-installer/ffmpeg'),
      FFPROBE_PATH: bundled('@ffprobe-installer/ffprobe'),
    });
    const { project_id } = await server.reply('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
    await server.reply('generate_letter', { project_id, title: 'Hello', message: 'A short note.' });
    const exported = await server.exportUntilDone({ project_id, quality: 'preview' });
    expect(await probeVideo(String(exported.path))).toMatchObject({
      width: 960,
      height: 540,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    expect(server.stderr()).toContain(bundled('@ffmpeg-installer/ffmpeg'));
  });
});
