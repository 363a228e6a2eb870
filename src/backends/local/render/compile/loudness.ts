import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LetterError } from '../../../../errors.js';
import type { Timeline } from '../../../../timeline/model.js';
import type { RenderAssets } from './compile.js';
import { FilterGraph } from './graph.js';
import { SILENT_LUFS, type LoudnessMeasurement } from './mix.js';
import { cancelled } from '../run/run.js';
import { addSoundMix } from './sound.js';

const run = promisify(execFile);

/**
 * Pure: ffmpeg arguments for the first loudness pass, the letter's sound alone measured by
 * ebur128 (a third of what loudnorm's own measuring costs, which works at 192 kHz throughout).
 */
export function loudnessProbeArgs(timeline: Timeline, assets: RenderAssets): string[] {
  const g = new FilterGraph();
  const premix = addSoundMix(g, timeline, assets);
  g.chain(`[${premix}]ebur128=peak=true[measured]`);
  return ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', ...g.inputs, '-filter_complex', g.toString(), '-map', '[measured]', '-f', 'null', '-'];
}

/** ebur128's summary, printed last on stderr: integrated loudness and true peak. */
export function parseEbur128(stderr: string): LoudnessMeasurement {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) throw new LetterError('render_failed', 'The sound could not be measured for loudness: ffmpeg printed no ebur128 summary.');
  const summary = stderr.slice(at);
  // A silent letter measures -70 LUFS and a peak of -inf.
  const value = (pattern: RegExp) => {
    const v = Number(pattern.exec(summary)?.[1]);
    return Number.isFinite(v) ? v : SILENT_LUFS;
  };
  return { integrated: value(/Integrated loudness:\s+I:\s+(\S+) LUFS/), truePeak: value(/True peak:\s+Peak:\s+(\S+) dBFS/) };
}

/** Runs the first pass: only the sound is decoded and mixed, so it takes a second or two. */
export function measureLoudness(ffmpeg: string, timeline: Timeline, assets: RenderAssets, signal?: AbortSignal): Promise<LoudnessMeasurement> {
  return measured(ffmpeg, loudnessProbeArgs(timeline, assets), signal);
}

/** Measures a finished letter's sound as a player hears it, after AAC (0.4 CPU-s for 30 s). */
export function measureLetterLoudness(ffmpeg: string, mp4: string, signal?: AbortSignal): Promise<LoudnessMeasurement> {
  return measured(ffmpeg, ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-i', mp4, '-map', '0:a', '-af', 'ebur128=peak=true', '-f', 'null', '-'], signal);
}

async function measured(ffmpeg: string, args: string[], signal?: AbortSignal): Promise<LoudnessMeasurement> {
  try {
    const { stderr } = await run(ffmpeg, args, { maxBuffer: 16 << 20, signal, killSignal: 'SIGKILL' });
    return parseEbur128(stderr);
  } catch (e) {
    if (signal?.aborted) throw cancelled();
    if (e instanceof LetterError) throw e;
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').slice(-2).join(' ').slice(0, 300);
    throw new LetterError('render_failed', `The sound could not be measured for loudness (${detail}).`);
  }
}
