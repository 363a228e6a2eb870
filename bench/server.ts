import { startStdioServer, type StdioServer } from '../src/dev/client/stdio.js';

export type { Reply } from '../src/dev/client/calls.js';
export type BenchServer = StdioServer;

/** The built server over stdio, driven by the SDK's Client exactly as an assistant would; its logs show below the bench's. */
export function startBenchServer(cli: string, env: Record<string, string>): Promise<BenchServer> {
  return startStdioServer({
    command: process.execPath,
    args: [cli],
    env: { ...(process.env as Record<string, string>), VIDEO_LETTER_LOG_LEVEL: 'warn', ...env },
    stderr: 'inherit',
    clientName: 'video-letter-bench',
    // An hour before a call is given up: the 3 min letter's export is one call.
    calls: { timeoutMs: 3_600_000 },
  });
}
