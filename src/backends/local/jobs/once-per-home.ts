import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { exists, writeFileAtomic } from '../../../files.js';
import type { ExportInfo } from '../../../core/backend.js';
import { isLockHeld, withFileLock } from '../locks.js';
import { isAlive } from './process-alive.js';

/** The holder tells waiters its progress in steps of this many percent (each a small file write). */
const PROGRESS_STEP = 5;

interface HolderProgress {
  pid: number;
  percent: number;
}

/** The files of one render key in a project's cache: its lock, its holder's progress, its finished export. */
function files(cacheDir: string, key: string) {
  const dir = path.join(cacheDir, 'renders');
  return {
    dir,
    lock: path.join(dir, `${key}.lock`),
    progress: path.join(dir, `${key}.progress.json`),
    result: path.join(dir, `${key}.json`),
  };
}

/**
 * One render per letter and quality on this machine, whichever server process asks (Claude
 * Desktop and Cursor both open on one home). The render key's lock is held for the whole render;
 * a second process asking for the same export waits for it, following the holder's progress, and
 * then takes the export the holder left beside the lock instead of rendering again. When the
 * holder was cancelled or killed (its lock goes stale), the waiter renders the letter itself.
 */
export async function renderOncePerHome(
  cacheDir: string,
  key: string,
  signal: AbortSignal,
  progress: (percent: number) => void,
  render: (progress: (percent: number) => void) => Promise<ExportInfo>,
): Promise<ExportInfo> {
  const at = files(cacheDir, key);
  await fs.mkdir(at.dir, { recursive: true });
  const followHolder = async () => {
    const holder = await readJson<HolderProgress>(at.progress);
    if (holder) progress(holder.percent);
  };
  return withFileLock(
    at.lock,
    async () => {
      const earlier = await readJson<ExportInfo>(at.result);
      if (earlier && (await exists(earlier.path))) return earlier;
      let told = -PROGRESS_STEP;
      let telling = Promise.resolve();
      const tell = (percent: number) => {
        progress(percent);
        if (percent - told < PROGRESS_STEP) return;
        told = percent;
        const line = JSON.stringify({ pid: process.pid, percent } satisfies HolderProgress);
        telling = telling.then(() => writeFileAtomic(at.progress, line)).catch(() => undefined);
      };
      tell(0);
      try {
        const info = await render(tell);
        await writeFileAtomic(at.result, JSON.stringify(info));
        return info;
      } finally {
        await telling;
        await fs.rm(at.progress, { force: true });
      }
    },
    { signal, onWait: followHolder },
  );
}

/**
 * The percent done of a render of this key that another live server process is running now, or
 * undefined when none is (a render whose process was killed is not running anywhere).
 */
export function renderingElsewhere(cacheDir: string, key: string): number | undefined {
  const at = files(cacheDir, key);
  if (!isLockHeld(at.lock)) return undefined;
  let holder: HolderProgress;
  try {
    holder = JSON.parse(readFileSync(at.progress, 'utf8')) as HolderProgress;
  } catch {
    return undefined;
  }
  return holder.pid !== process.pid && isAlive(holder.pid) ? holder.percent : undefined;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
