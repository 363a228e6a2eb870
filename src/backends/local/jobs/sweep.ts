import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TEMP_NAME } from '../../../files.js';
import type { Logger } from '../../../log.js';
import { STARTED_BY } from '../render/run/ffmpeg-runner.js';
import { isAlive } from './process-alive.js';

/** A temp file whose writer is not named in it (older versions) is left alone for this long. */
const UNNAMED_TEMP_MS = 60 * 60_000;

/**
 * What a killed server of this home left behind, cleared when a server starts: temp files whose
 * writer has died (and staged uploads in `tmp/<pid>/`), and the programs it had started that are
 * still running with nobody to read their output. Only ever this home's, and only ever ours:
 * a program is stopped only when it carries our marker (`STARTED_BY`), names this home in its
 * arguments, and the process that started it is gone (it was handed to another parent). A live
 * server sharing the home keeps its files and its ffmpeg; another program's ffmpeg is never touched.
 */
export async function sweepHome(home: string, log: Logger): Promise<void> {
  const [files, programs] = await Promise.all([sweepTemps(home), stopOrphans(home)]);
  if (files + programs > 0) log.info({ files, programs }, 'cleared what a stopped server left behind');
}

async function sweepTemps(home: string): Promise<number> {
  let removed = 0;
  const entries = await fs.readdir(home, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const at = path.join(entry.parentPath, entry.name);
    // A staging folder (`tmp/<pid>/`, staging.ts) of a process that is gone.
    const staging = entry.isDirectory() && path.basename(entry.parentPath) === 'tmp' && /^\d+$/.test(entry.name);
    const temp = entry.isFile() ? TEMP_NAME.exec(entry.name) : null;
    const abandoned = staging
      ? !isAlive(Number(entry.name))
      : temp?.[1]
        ? !isAlive(Number(temp[1]))
        : temp !== null &&
          Date.now() - ((await fs.stat(at).catch(() => undefined))?.mtimeMs ?? Date.now()) > UNNAMED_TEMP_MS;
    if (abandoned) {
      await fs.rm(at, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** Reads a /proc file of a process, or undefined when it is gone or not ours to read. */
const proc = (pid: string, file: string) => fs.readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => undefined);

async function stopOrphans(home: string): Promise<number> {
  let stopped = 0;
  const pids = (await fs.readdir('/proc').catch(() => [])).filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    const environ = await proc(pid, 'environ');
    const starter = environ?.split('\0').find((v) => v.startsWith(`${STARTED_BY}=`));
    if (!starter) continue;
    const args = (await proc(pid, 'cmdline'))?.split('\0') ?? [];
    if (!args.some((a) => a.includes(home + path.sep))) continue;
    // The field after the command name in parentheses: state, then the parent's pid.
    const stat = (await proc(pid, 'stat')) ?? '';
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === Number(starter.slice(STARTED_BY.length + 1))) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      stopped++;
    } catch {
      // It ended by itself meanwhile.
    }
  }
  return stopped;
}
