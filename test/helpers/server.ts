import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES = path.join(ROOT, 'assets', 'samples');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export function tempDir(prefix = 'vl-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface RunningServer {
  client: Client;
  /** Everything the server wrote to stderr (its logs). */
  stderr: () => string;
  close: () => Promise<void>;
}

/** How the server is started: the built `dist/cli.js` unless a test installs it another way. */
export interface Launch {
  command: string;
  args: string[];
}

/**
 * Starts the built server over stdio, as Claude Desktop would, and connects the SDK's Client (or
 * the one given, e.g. a client that declares roots).
 */
export async function startServer(
  env: Record<string, string>,
  launch: Launch = { command: process.execPath, args: [CLI] },
  client = new Client({ name: 'video-letter-tests', version: '1.0.0' }),
): Promise<RunningServer> {
  const transport = new StdioClientTransport({
    ...launch,
    // Tests wait for a render in one call unless they set a budget, however busy the machine is;
    // the render-jobs tests set a tiny one to exercise "still rendering".
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), VIDEO_LETTER_LOG_LEVEL: 'debug', VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600', ...env },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  await client.connect(transport);
  return { client, stderr: () => log, close: () => client.close() };
}

export function text(result: CallToolResult): string {
  return result.content.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text).join('\n');
}

export function structured<T = Record<string, unknown>>(result: CallToolResult): T {
  return result.structuredContent as T;
}
