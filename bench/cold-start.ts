import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStdioServer } from '../src/dev/client/stdio.js';
import { percentile } from './stats.js';

/**
 * A host (Claude Desktop, Cursor) starts the stdio server every time it opens and waits for
 * `tools/list` before it shows the tools: that wait is this row. Each start is a new process over
 * stdio, timed from spawn to the answer of `tools/list`, in a home that has been used once before
 * (what every start but the very first sees) and in a new home (the first start after install).
 *
 * `BENCH_COLD_START_BEFORE=/path/to/another/checkout` also times that checkout's built server,
 * alternating start by start with this one, so the two are compared in the same minutes.
 *
 * Measured: 1.88 s p50 on a quiet 2-core machine before sharp, canvas, file-type and exifr were
 * imported on first use (src/libraries.ts) and tools/list made once (src/mcp/tools/tool-list.ts).
 * In one run beside that build (7 starts each, alternating, load average 28 on 2 cores) the p50
 * went from 11.68 to 9.27 s (-21%), p95 18.35 to 15.11 s, a new home's first start 20.64 to
 * 14.01 s. What remains is loading zod, the SDK (with ajv and zod-to-json-schema) and the local
 * engine's modules, and building the tools' schemas; 0.4 s is not reached.
 */
export interface ColdStart {
  build: string;
  starts: number;
  /** Median and 95th percentile of the seconds to tools/list, in a home used before. */
  p50Seconds: number;
  p95Seconds: number;
  /** Median seconds of the first start in a new home. */
  newHomeP50Seconds: number;
}

const STARTS = 7;

async function secondsToToolList(cli: string, home: string): Promise<number> {
  const started = performance.now();
  const server = await startStdioServer({
    command: process.execPath,
    args: [cli],
    env: { ...(process.env as Record<string, string>), VIDEO_LETTER_HOME: home, VIDEO_LETTER_LOG_LEVEL: 'warn' },
    stderr: 'pipe',
    clientName: 'video-letter-bench',
  });
  await server.client.listTools();
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  return seconds;
}

export async function benchColdStart(root: string, say: (line: string) => void): Promise<ColdStart[]> {
  const builds = [{ build: 'this checkout', cli: path.join(root, 'dist', 'cli.js') }];
  const before = process.env.BENCH_COLD_START_BEFORE;
  if (before) builds.push({ build: `before (${before})`, cli: path.join(path.resolve(before), 'dist', 'cli.js') });
  const homes = await Promise.all(builds.map(() => fs.mkdtemp(path.join(os.tmpdir(), 'vl-bench-start-'))));
  const used: number[][] = builds.map(() => []);
  const fresh: number[][] = builds.map(() => []);
  try {
    // One untimed start per build makes its home "used before" (and warms the disk cache).
    for (const [i, b] of builds.entries()) await secondsToToolList(b.cli, homes[i]!);
    for (let run = 0; run < STARTS; run++) {
      for (const [i, b] of builds.entries()) {
        used[i]!.push(await secondsToToolList(b.cli, homes[i]!));
        const newHome = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-bench-start-'));
        fresh[i]!.push(await secondsToToolList(b.cli, newHome));
        await fs.rm(newHome, { recursive: true, force: true });
      }
      say(`cold start ${run + 1}/${STARTS}`);
    }
  } finally {
    await Promise.all(homes.map((h) => fs.rm(h, { recursive: true, force: true })));
  }
  return builds.map((b, i) => ({
    build: b.build,
    starts: STARTS,
    p50Seconds: percentile(used[i]!, 50),
    p95Seconds: percentile(used[i]!, 95),
    newHomeP50Seconds: percentile(fresh[i]!, 50),
  }));
}
