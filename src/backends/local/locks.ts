import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';

/**
 * How long a lock outlives its holder. The holder refreshes the lock's mtime every half of this;
 * a process killed while holding it stops refreshing, so the next process takes it once it is
 * this old. A lock therefore never blocks for longer than this after its holder died.
 */
const STALE_MS = 10_000;
/** How often a waiting process tries again (and looks at what the holder has done meanwhile). */
const RETRY_MS = 150;

export interface LockWaiting {
  /** Stops waiting (the promise rejects with an AbortError); a held lock is released when `fn` ends. */
  signal?: AbortSignal;
  /** Called between tries, to follow what the holder is doing. */
  onWait?: () => Promise<void>;
}

/**
 * Runs `fn` while holding a lock shared by every process on this machine (two MCP hosts running
 * the server on one VIDEO_LETTER_HOME): the directory `lockPath`, made atomically by
 * proper-lockfile. A process waits its turn, however long a live holder keeps it.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, waiting: LockWaiting = {}): Promise<T> {
  const release = await acquire(lockPath, waiting);
  try {
    return await fn();
  } finally {
    // A lock taken over as stale is no longer ours to remove.
    await release().catch(() => undefined);
  }
}

/** Whether a live process holds the lock now (a lock left by a killed process is not held). */
export function isLockHeld(lockPath: string): boolean {
  return lockfile.checkSync(lockPath, { realpath: false, lockfilePath: lockPath, stale: STALE_MS });
}

async function acquire(lockPath: string, { signal, onWait }: LockWaiting): Promise<() => Promise<void>> {
  for (;;) {
    signal?.throwIfAborted();
    try {
      return await lockfile.lock(lockPath, { realpath: false, lockfilePath: lockPath, stale: STALE_MS, onCompromised });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    }
    await onWait?.();
    await sleep(RETRY_MS, undefined, { signal });
  }
}

/**
 * The holder was too slow to refresh the lock (its event loop stalled for longer than STALE_MS),
 * so another process may have taken it. The default would throw from a timer and kill the
 * server; a warning on stderr says what happened instead.
 */
function onCompromised(e: Error): void {
  process.emitWarning(`A lock shared with other video-letter-mcp processes was lost: ${e.message}`);
}
