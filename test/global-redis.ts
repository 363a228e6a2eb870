import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './helpers/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis the render-queue tests use and erase; empty when none could be had. */
    redisUrl: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The render-queue tests need a real Redis. .ci/run starts one and names it in
 * VIDEO_LETTER_TEST_REDIS_URL; a plain `npm test` starts Debian's redis-server here, on a free
 * loopback port with its data in a temporary folder (append-only, so the test that restarts it
 * finds its jobs again), and stops it at the end. Without redis-server the tests fail, saying so.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.VIDEO_LETTER_TEST_REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return undefined;
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vl-test-redis-'));
  try {
    startRedisServer(port, dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    project.provide('redisUrl', '');
    return undefined;
  }
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return () => {
    // By port: the restart test may have started a new process on it.
    try {
      execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
