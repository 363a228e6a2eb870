import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LetterError } from '../../../errors.js';
import type { Timeline } from '../../../timeline/model.js';
import type { RenderAssets } from './compile.js';
import { FilterGraph } from './graph.js';
import { TARGET_TRUE_PEAK, type LoudnessMeasurement } from './mix.js';
import { cancelled } from './run.js';
import { addSoundMix, letterLoudness } from './sound.js';

const run = promisify(execFile);

/** Pure: ffmpeg arguments for the first loudness pass, the letter's sound alone measured by loudnorm. */
export function loudnessProbeArgs(timeline: Timeline, assets: RenderAssets): string[] {
  const g = new FilterGraph();
  const premix = addSoundMix(g, timeline, assets);
  g.chain(`[${premix}]loudnorm=I=${letterLoudness(timeline, assets)}:TP=${TARGET_TRUE_PEAK}:LRA=20:print_format=json[measured]`);
  return ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', ...g.inputs, '-filter_complex', g.toString(), '-map', '[measured]', '-f', 'null', '-'];
}

/** loudnorm prints its JSON block last on stderr. */
export function parseLoudnorm(stderr: string): LoudnessMeasurement {
  const json = /\{[^{}]*"input_i"[^{}]*\}/.exec(stderr)?.[0];
  if (!json) throw new LetterError('render_failed', 'The sound could not be measured for loudness: ffmpeg printed no loudnorm report.');
  const m = JSON.parse(json) as Record<string, string>;
  // A silent letter measures -inf; there is nothing to normalize then, and loudnorm wants numbers.
  const finite = (v: string | undefined, fallback: string) => (v && Number.isFinite(Number(v)) ? v : fallback);
  return {
    input_i: finite(m.input_i, '-70'), input_tp: finite(m.input_tp, '-70'), input_lra: finite(m.input_lra, '0'),
    input_thresh: finite(m.input_thresh, '-80'), target_offset: finite(m.target_offset, '0'),
  };
}

/** Runs the first pass: only the sound is decoded and mixed, so it takes a second or two. */
export async function measureLoudness(ffmpeg: string, timeline: Timeline, assets: RenderAssets, signal?: AbortSignal): Promise<LoudnessMeasurement> {
  try {
    const { stderr } = await run(ffmpeg, loudnessProbeArgs(timeline, assets), { maxBuffer: 16 << 20, signal, killSignal: 'SIGKILL' });
    return parseLoudnorm(stderr);
  } catch (e) {
    if (signal?.aborted) throw cancelled();
    if (e instanceof LetterError) throw e;
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').slice(-2).join(' ').slice(0, 300);
    throw new LetterError('render_failed', `The sound could not be measured for loudness (${detail}).`);
  }
}
