import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CLI, tempDir } from '../helpers/server.js';

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, '--http', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', VIDEO_LETTER_HOME: tempDir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(log);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
});
afterAll(() => {
  child?.kill();
});

describe('Streamable HTTP transport', () => {
  it('serves the tools on 127.0.0.1 to an MCP client', async () => {
    const client = new Client({ name: 'http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('export_video');
    const credits = await client.callTool({ name: 'get_credits', arguments: {} });
    expect(credits.structuredContent).toMatchObject({ backend: 'local', unlimited: true });
    await client.close();
  });

  it('refuses a browser request from another website', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });
    expect(response.status).toBe(403);
  });

  it('accepts a request from a local page', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });
    expect(response.status).toBe(200);
  });
});
