import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { CLI } from './server.js';

export interface HttpServerProcess {
  child: ChildProcess;
  /** The MCP endpoint it printed, e.g. http://127.0.0.1:40123/mcp. */
  url: string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts the built server with `--http --port 0` and waits for the address it listens on;
 * `nodeArgs` go to node itself (e.g. `--import` a module recorder).
 */
export async function startHttpServer(
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, CLI, '--http', '--port', '0', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(log);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  return { child, url, stderr: () => log, exited };
}

/** The SDK's real Client over Streamable HTTP, with a person's bearer token when given. */
export async function connectHttp(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  const requestInit = token ? { headers: { Authorization: `Bearer ${token}` } } : undefined;
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit ? { requestInit } : undefined));
  return client;
}

export const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-http-test', version: '1' } },
});
export const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Adds a person with the CLI, as whoever runs the server would, and reads the token it prints once. */
export function addPerson(home: string, id: string): string {
  const out = execFileSync(process.execPath, [CLI, 'people', 'add', id], {
    env: { PATH: process.env.PATH ?? '', VIDEO_LETTER_HOME: home },
    encoding: 'utf8',
  });
  const token = /token[^:]*: (vl_[A-Za-z0-9_-]+)/.exec(out)?.[1];
  if (!token) throw new Error(`no token in: ${out}`);
  return token;
}
