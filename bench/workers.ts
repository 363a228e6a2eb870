/**
 * `npm run bench -- --only=workers`: the shared render queue (src/hosting/farm) on this machine. Four
 * letters of about 25 s are exported at once through one server, rendered by one
 * `video-letter-mcp worker`, then four new ones (nothing cached) by two workers; the wall time runs from the first
 * export_video call until the last letter is delivered. A redis-server of its own (Debian's
 * package) on a free port, without persistence, serves the queue and is stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeLetter, photosFor } from './letters.js';
import { referenceMedia } from './media.js';
import { startBenchServer } from './server.js';
import { formatTable, fixed } from './table.js';

const LETTERS = 4;
const PHOTOS = 4;
/** Two lines of message: with its title and closing cards, a letter of about 25 s. */
const MESSAGE =
  'Dear Grandma, it has been a whole year since we all sat together in your garden. We miss you every day.';

export interface WorkersRun {
  workers: number;
  letters: number;
  videoSecondsEach: number;
  wallSeconds: number;
  /** The machine's 1-minute load average when the exports began and when the last one was delivered. */
  loadAtStart: number;
  loadAtEnd: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Resolves once the process has written `line` to stderr; fails if it exits first. */
function started(child: ChildProcess, line: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(line)) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${seen.slice(-2000)}`)),
    );
  });
}

async function startRedis(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  redis.stderr.pipe(process.stderr);
  await new Promise<void>((resolve, reject) => {
    redis.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
    redis.once('error', (e) =>
      reject(new Error(`redis-server could not be started (${e.message}): install Debian's redis-server package.`)),
    );
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (redis.exitCode !== null) return resolve();
      redis.once('exit', () => resolve());
      redis.kill('SIGTERM');
    });
  return { url: `redis://127.0.0.1:${port}`, stop };
}

export async function benchWorkers(root: string, say: (line: string) => void): Promise<WorkersRun[]> {
  const cli = path.join(root, 'dist', 'cli.js');
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-bench-workers-'));
  const redis = await startRedis(home);
  const env = { VIDEO_LETTER_HOME: home, VIDEO_LETTER_REDIS_URL: redis.url, VIDEO_LETTER_RENDER_CONCURRENCY: '1' };
  const server = await startBenchServer(cli, { ...env, VIDEO_LETTER_EXPORT_WAIT_SECONDS: '1' });
  const running: ChildProcess[] = [];
  const runs: WorkersRun[] = [];
  try {
    say('making the reference media (cached in bench/media)');
    const media = await referenceMedia(path.join(root, 'bench', 'media'));
    for (const workers of [1, 2]) {
      while (running.length < workers) {
        const worker = spawn(process.execPath, [cli, 'worker'], {
          env: { ...process.env, ...env, VIDEO_LETTER_LOG_LEVEL: 'info' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        running.push(worker);
        await started(worker, 'worker ready for renders', 'a worker');
      }
      const letters = [];
      for (let i = 0; i < LETTERS; i++) {
        letters.push(
          await makeLetter(server, {
            id: `w${workers}-${i}`,
            photos: photosFor(PHOTOS, media.photos.slice(i)),
            voice: media.voice,
            message: MESSAGE,
            aspect: '16:9',
          }),
        );
      }
      say(`${workers} worker${workers > 1 ? 's' : ''}: exporting ${LETTERS} letters at once`);
      const loadAtStart = os.loadavg()[0] ?? 0;
      const begun = performance.now();
      await Promise.all(letters.map((l) => server.exportUntilDone({ project_id: l.projectId, quality: 'final' })));
      const wallSeconds = (performance.now() - begun) / 1000;
      say(`${workers} worker${workers > 1 ? 's' : ''}: ${wallSeconds.toFixed(1)} s`);
      runs.push({
        workers,
        letters: LETTERS,
        videoSecondsEach: letters[0]!.timeline.duration,
        wallSeconds,
        loadAtStart,
        loadAtEnd: os.loadavg()[0] ?? 0,
      });
    }
  } finally {
    await server.close();
    for (const worker of running) worker.kill('SIGTERM');
    await redis.stop();
    await fs.rm(home, { recursive: true, force: true });
  }
  return runs;
}

export function formatWorkersRuns(runs: WorkersRun[]): string {
  const one = runs.find((r) => r.workers === 1)?.wallSeconds;
  return formatTable(
    ['workers', 'letters at once', 'video s each', 'wall s', 'vs 1 worker', 'load at start', 'load at end'],
    runs.map((r) => [
      r.workers,
      r.letters,
      fixed(r.videoSecondsEach, 1),
      fixed(r.wallSeconds, 1),
      one ? `${fixed(r.wallSeconds / one, 2)}x` : 'n/a',
      fixed(r.loadAtStart, 2),
      fixed(r.loadAtEnd, 2),
    ]),
  );
}
