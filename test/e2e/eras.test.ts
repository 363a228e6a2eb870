import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../../src/dev/client/calls.js';
import { quadrants } from '../helpers/make-media.js';
import { probeVideo } from '../helpers/media.js';
import { addPerson, startHttpServer, type HttpServerProcess } from '../helpers/http-server.js';
import { CLI, structured, tempDir, text } from '../helpers/server.js';
import { readVideoParts } from '../helpers/video-parts.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * One letter made end to end (upload, generate, state, export, read the video) by an SDK client of
 * each protocol era on each transport: the same server answers 2025 clients with a session (or a
 * stdio connection) and 2026-07-28 clients per request, with no session at all.
 */
const MODERN = { versionNegotiation: { mode: { pin: '2026-07-28' as const } } };

async function letterFlow(client: Client): Promise<void> {
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await callTool(client, name, args, { timeoutMs: 300_000 });
    expect(result.isError, text(result)).toBeFalsy();
    return structured<Record<string, unknown>>(result);
  };
  const photo = async (name: string, project_id?: string) =>
    call('upload_media', {
      content_base64: (await quadrants(640, 360).jpeg().toBuffer()).toString('base64'),
      file_name: name,
      ...(project_id && { project_id }),
    });
  const projectId = (await photo('garden.jpg')).project_id as string;
  await photo('beach.jpg', projectId);
  await call('generate_letter', { project_id: projectId, message: 'See you at the lake this summer.' });
  const state = await call('get_state', { project_id: projectId });
  expect(JSON.stringify(state)).toContain('See you at the lake this summer.');
  const exported = await call('export_video', { project_id: projectId, quality: 'preview' });
  expect(exported.status).toBe('done');
  const { bytes } = await readVideoParts(client, `letter://${projectId}/video/${exported.job_id as string}`);
  const file = path.join(tempDir(), 'letter.mp4');
  await fs.writeFile(file, bytes);
  expect(await probeVideo(file)).toMatchObject({ videoCodec: 'h264' });
}

describe('over Streamable HTTP, a person with a token', () => {
  const home = tempDir();
  let server: HttpServerProcess;
  let token: string;
  beforeAll(async () => {
    token = addPerson(home, 'anna');
    server = await startHttpServer({ VIDEO_LETTER_HOME: home });
  });
  afterAll(() => void server?.child.kill());

  const connect = async (options?: ConstructorParameters<typeof Client>[1]) => {
    const client = new Client({ name: 'era-test', version: '1.0.0' }, options);
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
    await client.connect(transport);
    return { client, transport };
  };

  it('makes a letter on a 2025-11-25 client, in a session', async () => {
    const { client, transport } = await connect();
    expect(client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    expect(transport.sessionId).toMatch(/.+/);
    await letterFlow(client);
    await client.close();
  });

  it('makes a letter on a 2026-07-28 client, each request on its own with no session', async () => {
    const { client, transport } = await connect(MODERN);
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    await letterFlow(client);
    expect(transport.sessionId).toBeUndefined();
    await client.close();
  });
});

describe('over stdio', () => {
  const home = tempDir();
  const spawnServer = () =>
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        VIDEO_LETTER_HOME: home,
        VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600',
      },
      stderr: 'ignore',
    });

  it('makes a letter on a 2026-07-28 client', async () => {
    const client = new Client({ name: 'era-test', version: '1.0.0' }, MODERN);
    await client.connect(spawnServer());
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    await letterFlow(client);
    await client.close();
  });

  it('makes a letter on an old 2025-06-18 client', async () => {
    const client = new Client({ name: 'era-test', version: '1.0.0' }, { supportedProtocolVersions: ['2025-06-18'] });
    await client.connect(spawnServer());
    expect(client.getNegotiatedProtocolVersion()).toBe('2025-06-18');
    await letterFlow(client);
    await client.close();
  });
});
