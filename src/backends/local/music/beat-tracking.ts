import { runProgram } from '../render/run/ffmpeg-runner.js';

/**
 * Beat tracking for uploaded music, in plain TypeScript (no maintained npm tracker fits: essentia.js
 * is AGPL; web-audio-beat-detector needs a browser's Web Audio; music-tempo is unmaintained since
 * 2017): an onset-strength envelope, its tempo by autocorrelation, and the beats by dynamic
 * programming (Ellis 2007, as in librosa's beat_track).
 */

const RATE = 11025;
/** 128 samples at 11025 Hz: an onset is placed within 12 ms. */
const HOP = 128;
const WINDOW = 256;
/** Songs are read up to this long: a letter is shorter. */
const LONGEST_SECONDS = 600;
const SLOWEST_BPM = 50;
const FASTEST_BPM = 200;
/** Tempo prior: most songs are heard near 120 beats a minute (a log-normal weight, one octave wide). */
const LIKELY_BPM = 120;
/** How strongly the beats keep to the tempo against the onsets (librosa's `tightness`). */
const TIGHTNESS = 100;

/** The music's beats (seconds from its start) and its tempo; no beats when it has none to find. */
export interface Beats {
  bpm: number;
  times: number[];
}

/** Decodes the file with ffmpeg to mono samples and tracks its beats. */
export async function trackBeats(ffmpeg: string, file: string, signal?: AbortSignal): Promise<Beats> {
  const { bytes } = await runProgram(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-t', String(LONGEST_SECONDS), '-i', file, '-vn'].concat([
      '-ac',
      '1',
      '-ar',
      String(RATE),
      '-f',
      'f32le',
      '-',
    ]),
    signal ? { signal } : {},
  );
  const samples = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  return beatsOf(samples);
}

/** The beats of mono samples at 11025 Hz. */
export function beatsOf(samples: Float32Array): Beats {
  const onsets = onsetStrength(samples);
  const period = tempoPeriod(onsets);
  if (!period) return { bpm: 0, times: [] };
  const frames = beatFrames(onsets, period);
  // An onset at frame t was first heard in the last hop of its window.
  const times = frames.map((t) => Math.round(((t * HOP + WINDOW - HOP / 2) / RATE) * 1000) / 1000);
  return { bpm: Math.round(((60 * RATE) / (HOP * period)) * 10) / 10, times };
}

/**
 * How much new sound starts at each hop: the rise of log energy of the signal's first difference
 * (which favours the attacks of drums and plucks over held notes), half-wave rectified.
 */
function onsetStrength(samples: Float32Array): Float64Array {
  const count = Math.max(0, Math.floor((samples.length - WINDOW) / HOP) + 1);
  const energy = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    let sum = 0;
    for (let i = t * HOP + 1; i < t * HOP + WINDOW; i++) {
      const d = samples[i]! - samples[i - 1]!;
      sum += d * d;
    }
    energy[t] = Math.log(1e-10 + sum);
  }
  const onsets = new Float64Array(count);
  for (let t = 1; t < count; t++) onsets[t] = Math.max(0, energy[t]! - energy[t - 1]!);
  return normalised(onsets);
}

function normalised(xs: Float64Array): Float64Array {
  let sum = 0;
  for (const x of xs) sum += x * x;
  const sd = Math.sqrt(sum / Math.max(1, xs.length)) || 1;
  return xs.map((x) => x / sd);
}

/** The beat period in hops, from the autocorrelation of the onsets weighted by the tempo prior; 0 when silent. */
function tempoPeriod(onsets: Float64Array): number {
  const hopsPerMinute = (60 * RATE) / HOP;
  const shortest = Math.floor(hopsPerMinute / FASTEST_BPM);
  const longest = Math.ceil(hopsPerMinute / SLOWEST_BPM);
  const corr = (lag: number) => {
    let s = 0;
    for (let t = lag; t < onsets.length; t++) s += onsets[t]! * onsets[t - lag]!;
    return s / (onsets.length - lag);
  };
  let best = 0;
  let bestScore = 0;
  const scores = new Map<number, number>();
  for (let lag = shortest; lag <= Math.min(longest, onsets.length - 1); lag++) {
    const weight = Math.exp(-0.5 * Math.log2(hopsPerMinute / lag / LIKELY_BPM) ** 2);
    const score = corr(lag) * weight;
    scores.set(lag, score);
    if (score > bestScore) [best, bestScore] = [lag, score];
  }
  if (!best) return 0;
  // The true period lies between whole hops: the peak of a parabola through the three scores.
  const [a, b, c] = [scores.get(best - 1) ?? bestScore, bestScore, scores.get(best + 1) ?? bestScore];
  const bend = a - 2 * b + c;
  return bend < 0 ? best + (0.5 * (a - c)) / bend : best;
}

/**
 * Beat frames by dynamic programming: each frame's best score is its onset plus the best earlier
 * beat's, less a penalty for a gap unlike the period; the last beat is the best-scoring frame near
 * the end, and the chain is followed back.
 */
function beatFrames(onsets: Float64Array, period: number): number[] {
  const n = onsets.length;
  const score = new Float64Array(n);
  const from = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    let best = 0;
    for (let prev = t - Math.round(2 * period); prev <= t - Math.round(period / 2); prev++) {
      if (prev < 0) continue;
      const gap = Math.log((t - prev) / period);
      const s = score[prev]! - TIGHTNESS * gap * gap;
      if (from[t] === -1 || s > best) [best, from[t]] = [s, prev];
    }
    score[t] = onsets[t]! + Math.max(0, best);
    if (best <= 0) from[t] = -1;
  }
  let last = n - 1;
  for (let t = Math.max(0, n - Math.round(period)); t < n; t++) if (score[t]! > score[last]!) last = t;
  const frames: number[] = [];
  for (let t = last; t >= 0; t = from[t]!) frames.push(t);
  return frames.reverse();
}
