import type { Client } from '@modelcontextprotocol/client';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../../../src/dev/client/calls.js';
import { quadrants } from '../../helpers/make-media.js';
import {
  addPerson,
  connectHttp,
  INITIALIZE,
  MCP_HEADERS,
  startHttpServer,
  type HttpServerProcess,
} from '../../helpers/http-server.js';
import { structured, tempDir, text } from '../../helpers/server.js';

/**
 * One person's share of a shared server: sessions, storage and renders waiting are counted per
 * person, so one person at a limit never blocks another. Small limits, so the tests reach them.
 */
const home = tempDir();
const tokens: Record<string, string> = {};
let server: HttpServerProcess;
const clients: Client[] = [];
let ben: Client;

beforeAll(async () => {
  for (const id of ['anna', 'ben', 'carl']) tokens[id] = addPerson(home, id);
  server = await startHttpServer({
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_HTTP_SESSIONS_PER_PERSON: '2',
    VIDEO_LETTER_STORAGE_PER_PERSON_MB: '0.3',
    VIDEO_LETTER_RENDERS_PER_PERSON: '1',
    VIDEO_LETTER_HTTP_MAX_BODY_MB: '1',
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0',
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server?.child.kill();
});

async function connect(person: string): Promise<Client> {
  const client = await connectHttp(server.url, tokens[person]);
  clients.push(client);
  return client;
}

/** Another person is answered, and quickly, whatever the first one hit: a ping within a second, then a tool call. */
async function answeredWithinASecond(client: Client): Promise<void> {
  const started = Date.now();
  await client.ping();
  expect(Date.now() - started).toBeLessThan(1000);
  expect((await callTool(client, 'get_credits', {})).isError).toBeFalsy();
}

/** A photo of about 100 KB (noise does not compress), or a small flat one. */
async function photo(noisy: boolean): Promise<Buffer> {
  if (!noisy) return quadrants(320, 240).jpeg().toBuffer();
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 60 };
  return sharp({ create: { width: 400, height: 300, channels: 3, background: '#888', noise } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function upload(client: Client, bytes: Buffer, name: string, projectId?: string) {
  return callTool(client, 'upload_media', {
    content_base64: bytes.toString('base64'),
    file_name: name,
    ...(projectId && { project_id: projectId }),
  });
}

describe('per-person limits over HTTP', () => {
  it("refuses a person's third session with 429 and a sentence; another person still gets one", async () => {
    await connect('anna');
    await connect('anna');
    const third = await fetch(server.url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, Authorization: `Bearer ${tokens.anna}` },
      body: INITIALIZE,
    });
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { message: string } }).error.message).toBe(
      'You have 2 sessions open on this server, the most one person may hold. Close one you no longer use, or wait: an unused session ends after 30 minutes.',
    );
    ben = await connect('ben');
    await answeredWithinASecond(ben);
  });

  it('refuses content_base64 over what one HTTP message carries, pointing to url', async () => {
    const refused = await callTool(ben, 'upload_media', {
      content_base64: Buffer.alloc(740_000, 7).toString('base64'),
      file_name: 'big.jpg',
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe(
      'Files sent as content_base64 can be up to 0.7 MB (0.9 MB of base64 in one message); for a larger file send it by link instead (url, a public https address).',
    );
  });

  it("refuses an upload once a person's files are over their storage, naming the limit; another person still uploads", async () => {
    let refused: Awaited<ReturnType<typeof upload>> | undefined;
    let projectId: string | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const result = await upload(ben, await photo(true), `noise-${i}.jpg`, projectId);
      if (result.isError) refused = result;
      else projectId = structured<{ project_id: string }>(result).project_id;
    }
    expect(refused && text(refused)).toMatch(
      /^Your letters and files take 0\.\d MB on this server, its limit for one person is 0\.3 MB, so nothing more can be added\./,
    );
    expect(structured<{ error: { code: string } }>(refused!).error.code).toBe('quota_exceeded');
    const anna = clients[0]!;
    const stored = await upload(anna, await photo(false), 'garden.jpg');
    expect(stored.isError, text(stored)).toBeFalsy();
  });

  it("refuses a second letter's render while the first is under way, naming the limit; asking for the first again collects it", async () => {
    const carl = await connect('carl');
    const first = structured<{ project_id: string }>(await upload(carl, await photo(false), 'a.jpg')).project_id;
    const second = structured<{ project_id: string }>(await upload(carl, await photo(false), 'b.jpg')).project_id;
    const started = await callTool(carl, 'export_video', { project_id: first, quality: 'final' });
    expect(structured<{ status: string }>(started).status, text(started)).toMatch(/queued|rendering/);

    const refused = await callTool(carl, 'export_video', { project_id: second, quality: 'final' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe(
      'You already have 1 letter rendering or waiting to render, the most one person may have at once on this server (1). Wait for one to finish (export_video shows its progress) or stop one (export_video with cancel: true), then export this letter.',
    );
    const again = await callTool(carl, 'export_video', { project_id: first, quality: 'final' });
    expect(again.isError, text(again)).toBeFalsy();
    await callTool(carl, 'export_video', { project_id: first, cancel: true });
  });
});
