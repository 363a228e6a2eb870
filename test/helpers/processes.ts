import { readdirSync, readFileSync } from 'node:fs';

export interface RunningProgram {
  pid: number;
  args: string[];
}

/** The programs running now whose arguments mention `text` (a home's path), read from /proc. */
export function programsMentioning(text: string): RunningProgram[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        const args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean);
        return args.some((a) => a.includes(text)) ? [{ pid: Number(p), args }] : [];
      } catch {
        return [];
      }
    });
}

/** The ffmpeg processes running now whose arguments mention `text`. */
export const ffmpegsMentioning = (text: string) =>
  programsMentioning(text).filter((p) => /ffmpeg$/.test(p.args[0] ?? ''));

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A killed child nobody has reaped yet is a zombie, not running.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Polls `check` every 100 ms until it holds, or fails after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
