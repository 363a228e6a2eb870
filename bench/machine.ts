import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  ramBytes: number;
  /** 1-minute load average: other work on the machine skews the timings. */
  loadAverage: number;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() already named it
  }
  return {
    cores: os.availableParallelism(),
    cpuModel,
    ramBytes: os.totalmem(),
    loadAverage: os.loadavg()[0] ?? 0,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
