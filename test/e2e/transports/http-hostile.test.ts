import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, CallToolResult } from '@modelcontextprotocol/client';
import { People } from '../../../src/hosting/people/people.js';
import { forgedDurationMp3 } from '../../helpers/hostile-media.js';
import { connectHttp, startHttpServer, type HttpServerProcess } from '../../helpers/http-server.js';
import { quadrants } from '../../helpers/make-media.js';
import { structured, tempDir, text } from '../../helpers/server.js';

/**
 * Two people on one server over Streamable HTTP. Anna sends what took a shared server down before
 * (a 16 KB MP3 whose header claims 2^31 frames, a 1 MB and a 64 KB message, a letter of many
 * caption lines to draw); Ben, meanwhile, keeps asking for his letter, and is
 * answered within a second every time. Nothing either of them stored is lost.
 */
const home = tempDir('vl-hostile-http-');
const files = tempDir('vl-hostile-files-');
let server: HttpServerProcess;
let anna: Client;
let ben: Client;
let annaProject: string;
let benProject: string;
let benBefore: unknown;

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args }, { timeout: 600_000 })) as CallToolResult;
}

async function photo(client: Client, name: string, projectId?: string): Promise<string> {
  const bytes = await quadrants(640, 480).jpeg().toBuffer();
  const r = await call(client, 'upload_media', {
    content_base64: bytes.toString('base64'),
    file_name: name,
    ...(projectId && { project_id: projectId }),
  });
  expect(r.isError, text(r)).toBeFalsy();
  return structured<{ project_id: string }>(r).project_id;
}

/**
 * Runs Anna's `work` while Ben asks for his letter's state over and over;
 * answers the result and the slowest of Ben's answers in milliseconds.
 */
async function whileBenAsks<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number; answers: number }> {
  let done = false;
  let slowestMs = 0;
  let answers = 0;
  const asking = (async () => {
    while (!done || answers < 3) {
      const started = Date.now();
      await call(ben, 'get_state', { project_id: benProject });
      slowestMs = Math.max(slowestMs, Date.now() - started);
      answers++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return { result: await work(), slowestMs, answers };
  } finally {
    done = true;
    await asking;
  }
}

beforeAll(async () => {
  const people = new People(path.join(home, 'people.json'));
  const [annaToken, benToken] = [await people.add('anna'), await people.add('ben')];
  server = await startHttpServer({ VIDEO_LETTER_HOME: home });
  [anna, ben] = await Promise.all([connectHttp(server.url, annaToken), connectHttp(server.url, benToken)]);
  annaProject = await photo(anna, 'anna-garden.jpg');
  benProject = await photo(ben, 'ben-beach.jpg');
  await call(ben, 'generate_letter', { project_id: benProject, message: 'See you soon!', title: 'Dear Sam' });
  benBefore = structured(await call(ben, 'get_state', { project_id: benProject }));
});
afterAll(async () => {
  await Promise.all([anna?.close(), ben?.close()]);
  server?.child.kill();
});

describe('one person sending hostile input never holds up another, nor loses what is stored', () => {
  it('takes an MP3 whose header claims 2^31 frames as the second it holds, and plans a short letter', async () => {
    const mp3 = await fs.readFile(await forgedDurationMp3(files));
    expect(mp3.length).toBeLessThan(20_000);
    const { result, slowestMs, answers } = await whileBenAsks(async () => {
      const upload = await call(anna, 'upload_media', {
        project_id: annaProject,
        content_base64: mp3.toString('base64'),
        file_name: 'voice-note.mp3',
        role: 'voice',
      });
      const letter = await call(anna, 'generate_letter', { project_id: annaProject, title: 'Hello' });
      return { upload, letter };
    });
    expect(result.upload.isError, text(result.upload)).toBeFalsy();
    const media = structured<{ media: { duration_seconds: number } }>(result.upload).media;
    expect(media.duration_seconds).toBeLessThan(1.5);
    expect(result.letter.isError, text(result.letter)).toBeFalsy();
    expect(structured<{ timeline: { duration: number } }>(result.letter).timeline.duration).toBeLessThan(30);
    expect(answers).toBeGreaterThanOrEqual(3);
    expect(slowestMs).toBeLessThan(1000);
  });

  it.each([
    ['1 MB', 1 << 20],
    ['64 KB', 64 << 10],
  ])('refuses a %s message with the limit in a sentence, while the other person is answered', async (_, size) => {
    const message = 'I miss you and think of you every day. '.repeat(Math.ceil(size / 39)).slice(0, size);
    const { result, slowestMs } = await whileBenAsks(() =>
      call(anna, 'generate_letter', { project_id: annaProject, message }),
    );
    expect(result.isError).toBe(true);
    expect(text(result)).toBe(
      `The message is ${message.trim().length.toLocaleString('en')} characters; a letter's message can be at most 10,000 characters (a page or two, about ten minutes of reading). Shorten it, then try again; nothing was changed.`,
    );
    expect(slowestMs).toBeLessThan(1000);
  });

  it('draws a letter of many caption lines off the main thread: the other person is answered while it exports', async () => {
    const message = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: the garden is in bloom again.`).join('\n');
    const generated = await call(anna, 'generate_letter', { project_id: annaProject, message, length_seconds: null });
    expect(generated.isError, text(generated)).toBeFalsy();
    const { result, slowestMs } = await whileBenAsks(() =>
      call(anna, 'export_video', { project_id: annaProject, quality: 'preview' }),
    );
    expect(structured(result)).toMatchObject({ status: 'done' });
    expect(slowestMs).toBeLessThan(1000);
  });

  it("keeps both people's letters: Anna's photo and voice, and Ben's letter exactly as it was", async () => {
    const annaState = structured<{ media: { file_name: string }[] }>(
      await call(anna, 'get_state', { project_id: annaProject }),
    );
    expect(annaState.media.map((m) => m.file_name)).toEqual(['anna-garden.jpg', 'voice-note.mp3']);
    expect(structured(await call(ben, 'get_state', { project_id: benProject }))).toEqual(benBefore);
  });
});
