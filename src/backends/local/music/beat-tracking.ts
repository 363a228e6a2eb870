import { runProgram } from '../render/run/ffmpeg-runner.js';
import { onTheBeat } from './metre.js';
import { HOP, RATE, WINDOW } from './frames.js';
import { onsetsOf } from './onsets.js';

/**
 * Beat tracking for uploaded music, in plain TypeScript (no maintained npm tracker fits: essentia.js
 * is AGPL; web-audio-beat-detector needs a browser's Web Audio; music-tempo is unmaintained since
 * 2017): onset envelopes (onsets.ts: every onset, and the accents of bass, kick and snare), the
 * tempo by their self-similarity at the beat and the bar, and the beats by dynamic programming
 * (Ellis 2007, as in librosa's beat_track).
 */

/** Songs are read up to this long: a letter is shorter. */
const LONGEST_SECONDS = 600;
const SLOWEST_BPM = 50;
const FASTEST_BPM = 200;
/** Tempo prior: most songs are heard near 120 beats a minute (a log-normal weight, one octave wide). */
const LIKELY_BPM = 120;
/** A bar holds two, three or four beats. */
const BEATS_IN_A_BAR = [2, 3, 4];
/**
 * How strongly the beats keep to the tempo against the onsets (librosa's `tightness`, 100 there).
 * The built-in celebration music, a sixteenth-note arpeggio whose note on the beat the pad masks,
 * was tracked a sixteenth early for bars at a time at 100 and 200, and in its last bars at 200
 * (nothing after them pays back a jump); 300 is the least that kept one phase, at 20, 30 and 60 s.
 * At 400 a click track that speeds up by a tenth over a minute, its clicks 15 ms off the grid, is
 * still followed within 19 ms, as at 100.
 */
const TIGHTNESS = 400;

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
  const onsets = onsetsOf(samples);
  const { all, accents } = onsets;
  const tracked = tempoPeriod(all, accents);
  if (!tracked) return { bpm: 0, times: [] };
  const hopsPerMinute = (60 * RATE) / HOP;
  // The accents (a bass note, a kick, a snare) pull each beat onto themselves rather than onto the notes between.
  const pulled = all.map((x, t) => x + accents[t]!);
  const track = (period: number) => beatFrames(pulled, period);
  // The strong accents (a kick, a snare, a bass note) say whether those were the beats, their eighths or every other beat (metre.ts).
  const { period, frames } = onTheBeat(
    onsets,
    track(tracked),
    tracked,
    (p) => hopsPerMinute / p >= SLOWEST_BPM && hopsPerMinute / p <= FASTEST_BPM,
    track,
  );
  // An onset at frame t was first heard in the last hop of its window.
  const times = frames.map((t) => Math.round(((t * HOP + WINDOW - HOP / 2) / RATE) * 1000) / 1000);
  return { bpm: Math.round((hopsPerMinute / period) * 10) / 10, times };
}

/** How alike the envelope is to itself `lag` hops later, 1 at lag 0 (0 for silence), for lags up to `longest`. */
function selfSimilarity(onsets: Float64Array, longest: number): Float64Array {
  const corr = new Float64Array(longest + 1);
  for (let lag = 0; lag <= Math.min(longest, onsets.length - 1); lag++) {
    let s = 0;
    for (let t = lag; t < onsets.length; t++) s += onsets[t]! * onsets[t - lag]!;
    corr[lag] = s / (onsets.length - lag);
  }
  const zero = corr[0] || 1;
  return corr.map((c) => c / zero);
}

/**
 * The beat period in hops; 0 when silent. Eighth notes (an arpeggio, hi-hats) recur at half the
 * beat as strongly as the beat itself, so onsets alone cannot tell the two apart; as in meter
 * analysis (Klapuri, Eronen & Astola 2006), a period counts as the beat by the evidence of three
 * levels: all onsets recur at it, the accents (bass, kick, snare) recur at it, and the accents
 * recur at a bar of two to four of it. Weighted by a tempo prior (Ellis 2007, librosa's
 * `beat_track`: log-normal around 120 bpm, one octave wide).
 */
function tempoPeriod(all: Float64Array, accents: Float64Array): number {
  const hopsPerMinute = (60 * RATE) / HOP;
  const shortest = Math.floor(hopsPerMinute / FASTEST_BPM);
  const longest = Math.min(Math.ceil(hopsPerMinute / SLOWEST_BPM), all.length - 2);
  const widest = Math.max(...BEATS_IN_A_BAR);
  const allAlike = selfSimilarity(all, longest + 1);
  const accentsAlike = selfSimilarity(accents, widest * (longest + 2));
  // A bar of n beats is n periods long, give or take the half hop each period may be off.
  const bar = (lag: number) =>
    Math.max(
      ...BEATS_IN_A_BAR.flatMap((n) =>
        Array.from({ length: n + 1 }, (_, k) => accentsAlike[n * lag - Math.ceil(n / 2) + k] ?? 0),
      ),
    );
  const scores = new Map<number, number>();
  let best = 0;
  for (let lag = shortest; lag <= longest + 1; lag++) {
    const weight = Math.exp(-0.5 * Math.log2(hopsPerMinute / lag / LIKELY_BPM) ** 2);
    scores.set(lag, weight * (allAlike[lag]! + accentsAlike[lag]! + bar(lag)));
    if (lag <= longest && scores.get(lag)! > (scores.get(best) ?? 0)) best = lag;
  }
  if (!best || !(allAlike[best]! > 0)) return 0;
  // The true period lies between whole hops: the peak of a parabola through the three scores.
  const b = scores.get(best)!;
  const [a, c] = [scores.get(best - 1) ?? b, scores.get(best + 1) ?? b];
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
