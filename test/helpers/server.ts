import { Client } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startStdioServer, type StdioServer } from '../../src/dev/client/stdio.js';

export { toolText as text } from '../../src/dev/client/calls.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES = path.join(ROOT, 'assets', 'samples');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export function tempDir(prefix = 'vl-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The built server and the SDK's Client connected to it; `stderr()` holds everything it logged. */
export type RunningServer = StdioServer;

/** How the server is started: the built `dist/cli.js` unless a test installs it another way. */
export interface Launch {
  command: string;
  args: string[];
}

/**
 * Starts the built server over stdio, as Claude Desktop would, and connects the SDK's Client (or
 * the one given, e.g. a client that declares roots).
 */
export function startServer(
  env: Record<string, string>,
  launch: Launch = { command: process.execPath, args: [CLI] },
  client = new Client({ name: 'video-letter-tests', version: '1.0.0' }),
): Promise<RunningServer> {
  return startStdioServer({
    ...launch,
    // Tests wait for a render in one call unless they set a budget, however busy the machine is;
    // the render-jobs tests set a tiny one to exercise "still rendering".
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      VIDEO_LETTER_LOG_LEVEL: 'debug',
      VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600',
      ...env,
    },
    stderr: 'pipe',
    client,
  });
}

/**
 * One server for a whole test file, in a home of its own (its letters are exported to `home/exports`):
 * it starts before the file's first test and stops after its last. `call` calls a tool on it.
 */
export function serverForFile(env: Record<string, string> = {}, prefix?: string) {
  const home = tempDir(prefix);
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer({ VIDEO_LETTER_HOME: home, ...env });
  });
  afterAll(async () => {
    await running?.close();
  });
  return { home, ...callsTo(() => running) };
}

/** A server started by each test that needs one (with the settings it is about), stopped after that test. */
export function serverPerTest() {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const start = async (...args: Parameters<typeof startServer>) => (running = await startServer(...args));
  return { start, ...callsTo(() => running) };
}

function callsTo(current: () => RunningServer | undefined) {
  const server = (): RunningServer => {
    const running = current();
    if (!running) throw new Error('no server is running: the test calls a tool before starting one');
    return running;
  };
  const call: RunningServer['call'] = (name, args, options) => server().call(name, args, options);
  return { server, call };
}

export function structured<T = Record<string, unknown>>(result: CallToolResult): T {
  return result.structuredContent as T;
}
