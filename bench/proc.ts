import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';

/**
 * What Linux's /proc says about a process: CPU seconds and peak memory. CPU time includes
 * "children" (cutime + cstime): the CPU of every child the process has waited for, which is how
 * the ffmpeg and ffprobe runs of the server are counted without wrapping them.
 */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface CpuTimes {
  /** The process's own user + system seconds. */
  self: number;
  /** User + system seconds of its finished, waited-for children. */
  children: number;
}

interface Stat {
  name: string;
  ppid: number;
  cpu: CpuTimes;
}

/** Parses /proc/<pid>/stat; the name sits in parentheses and may contain spaces. */
export function parseStat(text: string): Stat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return {
    name: text.slice(open + 1, close),
    ppid: at(4),
    cpu: { self: (at(14) + at(15)) / TICKS_PER_SECOND, children: (at(16) + at(17)) / TICKS_PER_SECOND },
  };
}

async function stat(pid: number | 'self'): Promise<Stat | undefined> {
  try {
    return parseStat(await fs.readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // the process has already gone
  }
}

export async function cpuTimes(pid: number | 'self'): Promise<CpuTimes> {
  const s = await stat(pid);
  if (!s) throw new Error(`process ${pid} is not running`);
  return s.cpu;
}

async function statusBytes(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): Promise<number | undefined> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Peak resident memory (VmHWM) in bytes, or undefined once the process has gone. */
export const peakRss = (pid: number | 'self') => statusBytes(pid, 'VmHWM');

/** Resident memory now (VmRSS) in bytes, or undefined once the process has gone. */
export const currentRss = (pid: number | 'self') => statusBytes(pid, 'VmRSS');

/** Starts a new peak-memory window: the kernel resets VmHWM to the current RSS. */
export async function resetPeakRss(pid: number): Promise<void> {
  await fs.writeFile(`/proc/${pid}/clear_refs`, '5');
}

/** Direct children of a process, with their names (e.g. "ffmpeg"). */
export async function childrenOf(pid: number): Promise<{ pid: number; name: string }[]> {
  const entries = (await fs.readdir('/proc')).filter((e) => /^\d+$/.test(e));
  const stats = await Promise.all(entries.map(async (e) => ({ pid: Number(e), stat: await stat(Number(e)) })));
  return stats.filter((s) => s.stat?.ppid === pid).map((s) => ({ pid: s.pid, name: s.stat?.name ?? '' }));
}
