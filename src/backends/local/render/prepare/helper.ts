import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LetterError } from '../../../../core/errors.js';
import { tempSibling } from '../../../../files.js';
import { HELPER_TASKS, type HelperInput, type HelperOrder, type HelperTask } from './helper-tasks.js';
import { cancelled, startProgram } from '../run/ffmpeg-runner.js';

const ENTRY = fileURLToPath(new URL('./helper-main.js', import.meta.url));
/** Run from the TypeScript sources (the tests), there is no compiled entry to start: the work is done in this process. */
const APART = existsSync(ENTRY);

/**
 * Does a heavy preparation task (fitting photos with libvips, synthesizing music) in a short-lived
 * Node process and writes its files into place. A long-lived server keeps what such work
 * allocated: glibc hands each libvips thread its own heap and returns little of it, and the server
 * held ~600 MB after fitting 51 photos, next to the ffmpeg parts. A helper gives it all back when
 * it exits, and the server's event loop stays free meanwhile. Each file appears whole or not at
 * all: the helper writes a temp sibling, renamed into place as soon as the helper says it is
 * written (then `onReady` hears of it, so a render can use the first photos while the helper
 * fits the rest); what is left when the helper fails or the signal stops it is removed.
 */
export async function runInHelper<T extends HelperTask>(
  task: T,
  input: HelperInput<T>,
  files: string[],
  signal?: AbortSignal,
  onReady: (file: string) => void = () => undefined,
): Promise<void> {
  await Promise.all([...new Set(files.map((f) => path.dirname(f)))].map((dir) => fs.mkdir(dir, { recursive: true })));
  const temps = files.map(tempSibling);
  const placed: Promise<void>[] = [];
  const done = (index: number) => {
    const file = files[index];
    if (file === undefined) return;
    placed.push(fs.rename(temps[index] as string, file).then(() => onReady(file)));
  };
  try {
    const order: HelperOrder<T> = { task, input, files: temps };
    if (APART) await runProcess(order, done, signal);
    else {
      signal?.throwIfAborted();
      await (
        HELPER_TASKS[task] as (input: HelperInput<T>, files: string[], done: (index: number) => void) => Promise<void>
      )(input, temps, done);
    }
    await Promise.all(placed);
  } catch (e) {
    await Promise.allSettled(placed);
    throw signal?.aborted ? cancelled() : e;
  } finally {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
  }
}

function runProcess(order: HelperOrder, done: (index: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    // Two heaps, rather than one per thread, keep the helper's own peak low (51 photos: 232 vs 350 MB).
    const child = startProgram(process.execPath, [ENTRY], signal, { MALLOC_ARENA_MAX: '2' });
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    let reason = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      reason = (reason + chunk).slice(-500);
    });
    let said = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (said + chunk).split('\n');
      said = lines.pop() ?? '';
      for (const line of lines) done(Number(line));
    });
    child.on('error', (e) =>
      reject(new LetterError('render_failed', `A helper process could not be started (${e.message}).`)),
    );
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(cancelled());
      if (code === 0) return resolve();
      reject(
        new LetterError(
          'render_failed',
          `The letter could not be prepared for rendering (${reason.trim() || `exit code ${code}`}).`,
        ),
      );
    });
    // A helper that dies before reading its order says why through its exit, not through this pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(order));
  });
}
