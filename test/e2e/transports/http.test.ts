import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import {
  connectHttp,
  INITIALIZE,
  MCP_HEADERS,
  startHttpServer,
  type HttpServerProcess,
} from '../../helpers/http-server.js';
import { structured, tempDir, text } from '../../helpers/server.js';
import { callTool } from '../../../src/dev/client/calls.js';

let server: HttpServerProcess;

beforeAll(async () => {
  server = await startHttpServer({ VIDEO_LETTER_HOME: tempDir(), VIDEO_LETTER_HTTP_MAX_BODY_MB: '1' });
});
afterAll(() => {
  server?.child.kill();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body });

describe('Streamable HTTP transport', () => {
  it('serves the tools on 127.0.0.1 to an MCP client', async () => {
    const client = await connectHttp(server.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('export_video');
    const credits = await callTool(client, 'get_credits', {});
    expect(credits.structuredContent).toMatchObject({ backend: 'local', unlimited: true });
    await client.close();
  });

  it('refuses a browser request from another website', async () => {
    const response = await post(INITIALIZE, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('accepts a request from a local page', async () => {
    const response = await post(INITIALIZE, { origin: 'http://localhost:5173' });
    expect(response.status).toBe(200);
  });

  it('refuses a request whose Host is not one of its names (DNS rebinding)', async () => {
    const response = await request(server.url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, host: 'rebind.example:3917' },
      body: INITIALIZE,
    });
    expect(response.statusCode).toBe(403);
    const body = (await response.body.json()) as { error: { message: string } };
    expect(body.error.message).toContain('Host "rebind.example:3917" is not served here');
    expect(body.error.message).toContain('VIDEO_LETTER_ALLOWED_HOSTS');
  });

  it('answers a body over the limit with 413 and says to send large media by path or link', async () => {
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'upload_media', arguments: { file_name: 'big.jpg', content_base64: 'A'.repeat(1_600_000) } },
    });
    const response = await post(huge);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/larger than the 1 MB this server takes in one message/);
    expect(body.error.message).toMatch(/by path .* or by link/);
  });

  it('answers malformed JSON with 400 and a JSON-RPC parse error', async () => {
    const response = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(-32700);
  });

  it('answers an unknown Mcp-Session-Id with 404, so the client starts a new session', async () => {
    const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
      'mcp-session-id': '6d1f4a44-0c1b-4f4e-9a3e-2b7c5d9e8f10',
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.message).toMatch(/Session not found/);
  });

  it('refuses to fetch a URL upload from 127.0.0.1, or from a name that resolves to loopback', async () => {
    const client = await connectHttp(server.url);
    const literal = await callTool(client, 'upload_media', { url: 'https://127.0.0.1:9/photo.jpg' });
    expect(literal.isError).toBe(true);
    expect(text(literal)).toMatch(/leads to 127\.0\.0\.1, a loopback, private or otherwise non-public address/);
    const named = await callTool(client, 'upload_media', { url: 'https://localhost:9/photo.jpg' });
    expect(named.isError).toBe(true);
    expect(text(named)).toMatch(/The link to localhost leads to (127\.0\.0\.1|::1)/);
    const plain = await callTool(client, 'upload_media', { url: 'http://example.com/photo.jpg' });
    expect(structured(plain)).toMatchObject({ error: { code: 'invalid_request' } });
    expect(text(plain)).toMatch(/Only https links can be fetched/);
    await client.close();
  });
});
