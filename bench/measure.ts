import { spawn } from 'node:child_process';
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
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid) void peakRss(child.pid).then((rss) => (peak = Math.max(peak, rss ?? 0)));
  }, 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearInterval(timer));
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed with code ${code}: ${stderr.trim().slice(-500)}`);
  const cpuAfter = await cpuTimes('self');
  return { wallSeconds, cpuSeconds: cpuAfter.children - cpuBefore.children, peakRssBytes: peak || null };
}
