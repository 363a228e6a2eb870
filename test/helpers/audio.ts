import { FFMPEG, runProgram } from './binaries.js';

export { FFMPEG };

/** ffmpeg reports measurements on stderr. */
async function stderrOf(args: string[]): Promise<string> {
  return (await runProgram(FFMPEG, ['-hide_banner', '-nostats', ...args])).stderr;
}

/** Writes a WAV made by an ffmpeg lavfi source expression, e.g. a tone standing in for a voice. */
export async function makeAudio(file: string, lavfi: string, seconds: number): Promise<void> {
  await runProgram(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    lavfi,
    '-t',
    String(seconds),
    '-ar',
    '48000',
    '-ac',
    '2',
    file,
  ]);
}

export interface Loudness {
  /** Integrated loudness, LUFS. */
  integrated: number;
  /** True peak, dBTP. */
  truePeak: number;
}

/** EBU R128 integrated loudness and true peak of a file's audio, as ffmpeg's ebur128 filter measures them. */
export async function measureLoudness(file: string): Promise<Loudness> {
  const out = await stderrOf(['-i', file, '-map', '0:a', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = out.slice(out.lastIndexOf('Summary:'));
  return {
    integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]),
    truePeak: Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]),
  };
}

/**
 * RMS level (dBFS) of the audio between two times, optionally after a filter (e.g. a low-pass that
 * keeps only the music's band), from astats.
 */
export async function bandLevel(file: string, from: number, to: number, filter = 'anull'): Promise<number> {
  const out = await stderrOf([
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    `atrim=${from}:${to},${filter},astats=metadata=0:reset=0`,
    '-f',
    'null',
    '-',
  ]);
  const overall = out.slice(out.lastIndexOf('Overall'));
  return Number(/RMS level dB:\s+(-?[\d.]+|-inf)/.exec(overall)?.[1]);
}

/** The stretches of silence in a file's audio (below `noise` dB for at least `minSeconds`), from silencedetect. */
export async function silences(file: string, noise = -40, minSeconds = 0.3): Promise<[number, number][]> {
  const out = await stderrOf([
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    `silencedetect=noise=${noise}dB:d=${minSeconds}`,
    '-f',
    'null',
    '-',
  ]);
  const starts = [...out.matchAll(/silence_start: (-?[\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...out.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
  return starts.map((s, i) => [Math.max(0, s), ends[i] ?? Infinity]);
}

/** The share (0..1) of [from, to] that is not silent, given the file's silences. */
export function activity(quiet: [number, number][], from: number, to: number): number {
  const silent = quiet.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, to) - Math.max(s, from)), 0);
  return 1 - silent / (to - from);
}
