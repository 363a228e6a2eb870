import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
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
import { callTool } from '../../../src/dev/client/calls.js';

const home = tempDir();
let server: HttpServerProcess;
let anna: { token: string; client: Client };
let ben: { token: string; client: Client };

beforeAll(async () => {
  const annaToken = addPerson(home, 'anna');
  const benToken = addPerson(home, 'ben');
  server = await startHttpServer({ VIDEO_LETTER_HOME: home });
  anna = { token: annaToken, client: await connectHttp(server.url, annaToken) };
  ben = { token: benToken, client: await connectHttp(server.url, benToken) };
});
afterAll(async () => {
  await anna?.client.close();
  await ben?.client.close();
  server?.child.kill();
});

async function uploadPhoto(client: Client): Promise<string> {
  const photo = await quadrants(320, 240).jpeg().toBuffer();
  const result = await callTool(client, 'upload_media', {
    content_base64: photo.toString('base64'),
    file_name: 'garden.jpg',
  });
  expect(result.isError).toBeFalsy();
  return structured<{ project_id: string }>(result).project_id;
}

describe('people and access over HTTP', () => {
  it('answers a request without a token with 401 and where to find the protected resource metadata', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
    expect(response.status).toBe(401);
    const origin = new URL(server.url).origin;
    expect(response.headers.get('www-authenticate')).toMatch(
      new RegExp(`^Bearer .*resource_metadata="${origin}/\\.well-known/oauth-protected-resource/mcp"`),
    );

    const metadata = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`);
    expect(metadata.status).toBe(200);
    expect(await metadata.json()).toMatchObject({ resource: `${origin}/mcp`, bearer_methods_supported: ['header'] });
  });

  it('answers an unknown token with 401', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, authorization: 'Bearer vl_not-a-real-token' },
      body: INITIALIZE,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it("answers a tool call naming another person's project with not found", async () => {
    const annasLetter = await uploadPhoto(anna.client);
    const own = await callTool(anna.client, 'get_state', { project_id: annasLetter });
    expect(own.isError).toBeFalsy();

    const peek = await callTool(ben.client, 'get_state', { project_id: annasLetter });
    expect(peek.isError).toBe(true);
    expect(structured(peek)).toMatchObject({ error: { code: 'project_not_found' } });
    expect(text(peek)).toContain(`There is no project "${annasLetter}"`);
    const edit = await callTool(ben.client, 'generate_letter', { project_id: annasLetter, message: 'Hello from Ben' });
    expect(structured(edit)).toMatchObject({ error: { code: 'project_not_found' } });
  });

  it("answers another person's session id with 404, as if it did not exist", async () => {
    const annasSession = (anna.client.transport as { sessionId?: string }).sessionId!;
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        ...MCP_HEADERS,
        authorization: `Bearer ${ben.token}`,
        'mcp-session-id': annasSession,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
  });

  it("keeps each person's letters in their own folder", async () => {
    const bensLetter = await uploadPhoto(ben.client);
    expect(readFileSync(path.join(home, 'people', 'ben', 'projects', bensLetter, 'project.json'), 'utf8')).toContain(
      'garden.jpg',
    );
  });

  it('refuses a path on the server’s disk from a remote person', async () => {
    const result = await callTool(anna.client, 'upload_media', { path: path.join(home, 'people.json') });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/A path names a file on the server, not on your computer/);
  });

  it('keeps only a hash of each token in the people file', () => {
    const file = readFileSync(path.join(home, 'people.json'), 'utf8');
    expect(file).not.toContain(anna.token);
    expect(JSON.parse(file).people.map((p: { id: string }) => p.id)).toEqual(['anna', 'ben']);
  });

  it('refuses to start on a non-loopback address without anyone configured', async () => {
    await expect(startHttpServer({ VIDEO_LETTER_HOME: tempDir() }, ['--host', '0.0.0.0'])).rejects.toThrow(
      /Refusing to serve on 0\.0\.0\.0 without authentication.*people add/,
    );
  });
});
