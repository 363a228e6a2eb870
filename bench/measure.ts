import { ProgramFailed, runProgram } from '../src/backends/local/render/run/ffmpeg-runner.js';
import { cpuTimes, peakRss } from './proc.js';

export interface Measured {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number | null;
}

/**
 * Runs a command to completion and measures it the way /usr/bin/time would: wall clock, the CPU
 * this process gained from waiting for it (its children's user + system time), and its peak RSS.
 */
export async function measureCommand(command: string, args: string[]): Promise<Measured> {
  const cpuBefore = await cpuTimes('self');
  const started = performance.now();
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = (pid: number) => {
    timer = setInterval(() => void peakRss(pid).then((rss) => (peak = Math.max(peak, rss ?? 0))), 100);
  };
  try {
    await runProgram(command, args, { onStart: sample });
  } catch (e) {
    const code = e instanceof ProgramFailed ? e.exitCode : null;
    const stderr = e instanceof ProgramFailed ? e.stderr : (e as Error).message;
    throw new Error(`${command} ${args.join(' ')} failed with code ${code}: ${stderr.trim().slice(-500)}`);
  } finally {
    clearInterval(timer);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = await cpuTimes('self');
  return { wallSeconds, cpuSeconds: cpuAfter.children - cpuBefore.children, peakRssBytes: peak || null };
}
