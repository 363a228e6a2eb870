import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, ReadBuffer, serializeMessage } from '@modelcontextprotocol/client';
import type { Transport, CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/client';
import { connectHttp, startHttpServer } from '../helpers/http-server.js';
import { CLI, SAMPLES, structured, tempDir } from '../helpers/server.js';

/**
 * The SDK's Client over the pipes of a server process this test started itself, so the test can
 * close the server's stdin the way a quitting host does, and see how the process ends.
 */
class ChildTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private readonly buffer = new ReadBuffer();

  constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  async start(): Promise<void> {
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let m = this.buffer.readMessage(); m; m = this.buffer.readMessage()) this.onmessage?.(m);
    });
    this.child.on('exit', () => this.onclose?.());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child.stdin.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.child.stdin.end();
  }
}

const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('clean shutdown', () => {
  it('over stdio: when the host closes stdin, a running render is stopped and the process exits with code 0', async () => {
    const home = tempDir();
    const out = path.join(home, 'out');
    const child = spawn(process.execPath, [CLI], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        VIDEO_LETTER_HOME: home,
        VIDEO_LETTER_OUTPUT_DIR: out,
        VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => void (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const client = new Client({ name: 'shutdown-test', version: '1.0.0' });
    await client.connect(new ChildTransport(child));
    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult;

    const projectId = structured<{ project_id: string }>(await call('upload_media', { path: SAMPLES })).project_id;
    await call('generate_letter', { project_id: projectId, length_seconds: 90 });
    await call('export_video', { project_id: projectId });
    // Until ffmpeg is really at work on the letter.
    let state = structured<{ renders: { status: string; percent: number }[] }>(
      await call('get_state', { project_id: projectId }),
    );
    while (!state.renders.some((r) => r.status === 'rendering' && r.percent > 0)) {
      await delay(200);
      state = structured(await call('get_state', { project_id: projectId }));
    }

    child.stdin.end();
    expect(await exited).toBe(0);
    expect(log).toContain('"reason":"stdin closed","msg":"shutting down"');
    expect(log).toContain('"msg":"render cancelled"');
    expect(log).toContain('"msg":"stopped"');
    // The 90 s letter was not rendered to the end, and its partial file was removed.
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('over HTTP: on SIGTERM the sessions and the server are closed and the process exits with code 0', async () => {
    const server = await startHttpServer({ VIDEO_LETTER_HOME: tempDir() });
    const client = await connectHttp(server.url);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('"reason":"SIGTERM","msg":"shutting down"');
    expect(server.stderr()).toContain('"msg":"stopped"');
    await expect(client.listTools()).rejects.toThrow();
  });
});
