import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../../src/config.js';
import { FFMPEG } from '../binaries.js';
import type { CallContext, Progress } from '../../../src/core/backend.js';
import { writeTestClip } from '../../../src/dev/test-media.js';

export function tempDir(prefix = 'vl-cloud-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testConfig(apiUrl: string, env: Record<string, string> = {}): Config {
  const home = tempDir();
  return loadConfig({
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out'),
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '5',
    NEMO_API_URL: apiUrl,
    NEMO_WEB_URL: 'https://nemovideo.test',
    NEMO_POLL_SECONDS: '0.02',
    NEMO_HEARTBEAT_SECONDS: '0.05',
    ...env,
  });
}

export function context(signal: AbortSignal = new AbortController().signal): CallContext & { seen: Progress[] } {
  const seen: Progress[] = [];
  return { signal, progress: (p) => seen.push(p), seen };
}

/** Server-sent events, one `data:` line per item; strings are sent as they are (comments, raw lines). */
export function sse(items: (object | string)[]): string {
  return items.map((i) => (typeof i === 'string' ? i : `data: ${JSON.stringify(i)}\n\n`)).join('');
}

export const agentText = (text: string, partial = false) => ({
  author: 'nemo_agent',
  content: { role: 'model', parts: [{ text }] },
  partial,
});
export const toolCall = (name: string) => ({
  author: 'nemo_agent',
  content: { role: 'model', parts: [{ functionCall: { name, args: { secret_arg: 1 } } }] },
});
export const toolResult = (name: string) => ({
  author: 'nemo_agent',
  content: { role: 'user', parts: [{ functionResponse: { name, response: { ok: true } } }] },
});

let mp4: Promise<Buffer> | undefined;
/** A small real MP4 (1 s, 320x240, H.264 + AAC), made once per process with the ffmpeg the server resolves. */
export function smallMp4(): Promise<Buffer> {
  mp4 ??= makeSmallMp4();
  return mp4;
}

async function makeSmallMp4(): Promise<Buffer> {
  const file = path.join(tempDir('vl-mp4-'), 'small.mp4');
  await writeTestClip(FFMPEG, file, { seconds: 1, size: '320x240', fps: 25, faststart: true });
  return readFileSync(file);
}

/** The smallest real PNG (1x1). */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A draft in NemoVideo's compact form: a photo track, music at 35% and a title. */
export const DRAFT = {
  d: 10_000,
  m: { ratio: '16:9' },
  t: [
    {
      tt: 0,
      sg: [
        { st: 0, d: 5000, m: { name: 'mom.jpg', id: 'f1', type: 'image' } },
        { st: 5000, d: 5000, m: { name: 'dad.jpg', id: 'f2', type: 'image' } },
      ],
    },
    { tt: 1, sg: [{ st: 0, d: 10_000, m: { name: 'Lo-fi', volume: 0.35 } }] },
    { tt: 7, sg: [{ st: 0, d: 3000, m: { text: 'Dear Mom' } }] },
  ],
};
