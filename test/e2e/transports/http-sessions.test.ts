import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connectHttp, INITIALIZE, MCP_HEADERS, startHttpServer } from '../../helpers/http-server.js';
import { quadrants } from '../../helpers/make-media.js';
import { structured, tempDir } from '../../helpers/server.js';
import { callTool } from '../../../src/dev/client/calls.js';

/** A session as a bare client makes it: initialize, and nothing after. */
async function initialize(url: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
}

async function listTools(url: string, sessionId: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...MCP_HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });
  await response.body?.cancel();
  return response.status;
}

describe('sessions over HTTP', () => {
  it('holds at most the configured number of sessions, and ends one left unused', async () => {
    // One session at most, ended after 3 s unused.
    const server = await startHttpServer({
      VIDEO_LETTER_HOME: tempDir(),
      VIDEO_LETTER_HTTP_MAX_SESSIONS: '1',
      VIDEO_LETTER_HTTP_SESSION_IDLE_MINUTES: '0.05',
    });
    try {
      const first = await initialize(server.url);
      expect(first.status).toBe(200);
      const sessionId = first.headers.get('mcp-session-id')!;
      await first.body?.cancel();

      const second = await initialize(server.url);
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('60');
      expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(
        /as many sessions as it can \(1\)\. Try again in a minute/,
      );

      // Left alone (every look uses it again, so look seldom), the session ends: the server then
      // answers its id with 404 and has room again.
      let status = 200;
      for (let i = 0; status === 200 && i < 6; i++) {
        await delay(5_000);
        status = await listTools(server.url, sessionId);
      }
      expect(status).toBe(404);
      const third = await initialize(server.url);
      expect(third.status).toBe(200);
      await third.body?.cancel();
    } finally {
      server.child.kill();
    }
  });

  it('lets a running export finish when asked to stop, then exits', async () => {
    const server = await startHttpServer({ VIDEO_LETTER_HOME: tempDir() });
    const client = await connectHttp(server.url);
    const photo = await quadrants(640, 360).jpeg().toBuffer();
    const upload = await callTool(client, 'upload_media', {
      content_base64: photo.toString('base64'),
      file_name: 'garden.jpg',
    });
    const projectId = structured<{ project_id: string }>(upload).project_id;
    await callTool(client, 'generate_letter', { project_id: projectId, message: 'A short letter.' });

    let signalled = false;
    const result = await callTool(
      client,
      'export_video',
      { project_id: projectId, quality: 'preview' },
      {
        onProgress: () => {
          if (signalled) return;
          signalled = true;
          server.child.kill('SIGTERM');
        },
      },
    );
    expect(signalled).toBe(true);
    expect(structured(result)).toMatchObject({ status: 'done' });
    expect(await server.exited).toBe(0);
  });
});
