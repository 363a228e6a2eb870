import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { expect, vi } from 'vitest';
import { startWorker, type RunningWorker } from './redis.js';
import { SAMPLES, startServer, structured, tempDir, type RunningServer } from './server.js';

export interface Exported {
  status: string;
  job_id?: string;
  path?: string;
  percent?: number;
  message?: string;
  duration_seconds?: number;
}
export interface State {
  renders: { job_id: string; status: string; percent: number; path?: string }[];
}

let servers: RunningServer[] = [];
let workers: RunningWorker[] = [];

/** Stops every server and worker the test started (call it in afterEach). */
export async function stopAll(): Promise<void> {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(workers.map((w) => w.stop()));
  servers = [];
  workers = [];
}

/**
 * How many letters a worker says it delivered, once its log has caught up: the server can learn
 * from Redis that a render is done before the worker's log line reaches this process.
 */
export const deliveredBy = (worker: RunningWorker, count: number) =>
  vi.waitFor(() => expect(worker.delivered()).toBe(count), { timeout: 10_000 });

/** One data folder shared by servers and workers, as a shared mount would be; `env` adds settings. */
export function sharedSetup(redisUrl: string, lockSeconds = 4, extra: Record<string, string> = {}) {
  const home = tempDir('vl-hosted-');
  const env = {
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_REDIS_URL: redisUrl,
    VIDEO_LETTER_WORKER_LOCK_SECONDS: String(lockSeconds),
    VIDEO_LETTER_RENDER_CONCURRENCY: '1',
    ...extra,
  };
  return {
    home,
    /** Every file in the exports folder, partial ones included. */
    files: () => (existsSync(path.join(home, 'exports')) ? readdirSync(path.join(home, 'exports')) : []),
    exports: () => readdirSync(path.join(home, 'exports')).filter((f) => f.endsWith('.mp4') && !f.startsWith('.')),
    server: async () => {
      // A server answers "still rendering" at once, as it would to a host with a short patience.
      const server = await startServer({ ...env, VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.2' });
      servers.push(server);
      return server;
    },
    worker: async () => {
      const worker = await startWorker(env);
      workers.push(worker);
      return worker;
    },
  };
}

export async function call(
  server: RunningServer,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return (await server.client.callTool({ name, arguments: args }, { timeout: 300_000 })) as CallToolResult;
}

/** A letter from these sample photos and a message; returns its project id. */
export async function letter(
  server: RunningServer,
  photos: string[],
  message = 'Thinking of you every day.',
): Promise<string> {
  const first = await call(server, 'upload_media', { path: path.join(SAMPLES, photos[0]!) });
  const projectId = structured<{ project_id: string }>(first).project_id;
  for (const p of photos.slice(1))
    await call(server, 'upload_media', { project_id: projectId, path: path.join(SAMPLES, p) });
  await call(server, 'generate_letter', { project_id: projectId, message });
  return projectId;
}

export const exportVideo = async (server: RunningServer, projectId: string, quality = 'final') =>
  structured<Exported>(await call(server, 'export_video', { project_id: projectId, quality }));

/** Asks for the export again and again until `until` holds or the render has ended. */
export async function exportUntil(
  server: RunningServer,
  projectId: string,
  until: (e: Exported) => boolean,
  quality = 'final',
): Promise<Exported> {
  for (;;) {
    const result = await exportVideo(server, projectId, quality);
    if (until(result) || result.status === 'failed' || result.status === 'cancelled' || result.status === 'done')
      return result;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export const finished = (e: Exported) => e.status === 'done';
