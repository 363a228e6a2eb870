import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, startServer, structured, tempDir, type RunningServer } from '../helpers/server.js';

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
    const call = async (name: string, args: Record<string, unknown>) =>
      structured<Record<string, unknown>>((await server!.client.callTool({ name, arguments: args }, undefined, { timeout: 300_000 })) as CallToolResult);
    const { project_id } = await call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
    await call('generate_letter', { project_id, title: 'Hello', message: 'A short note.' });
    let exported = await call('export_video', { project_id, quality: 'preview' });
    while (exported.status !== 'done') {
      expect(exported.status).toMatch(/queued|rendering/);
      exported = await call('export_video', { project_id, quality: 'preview' });
    }
    expect(await probeVideo(String(exported.path))).toMatchObject({ width: 960, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(server.stderr()).toContain(bundled('@ffmpeg-installer/ffmpeg'));
  });
});
