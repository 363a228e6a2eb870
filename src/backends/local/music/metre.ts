/**
 * Beats, their eighths, every other beat, or three beats for two, by where the strong accents fall
 * (onsets.ts: a kick, a snare, a bass note, against the hi-hats and notes between). Onsets and a tempo prior cannot
 * settle the octave: 80 bpm drums with hi-hats on the eighths recur at 160 as strongly as at 80,
 * and the tempo prior (around 120) leans to 160; a 150 bpm waltz recurs at 75 too, and its bar of
 * three makes 75 look like a bar of two. The strong accents can (metrical agreement, as in Klapuri,
 * Eronen & Astola 2006): on the beat level each beat carries a kick or a snare, where on the
 * eighths only every other one does; and a bar starts on a beat, not between two. Tracking 80 bpm
 * at 160 puts half the beats on off-beats, 375 ms from any beat, so this is settled where the beats
 * are made (the choice of cut beats takes every beat as a beat).
 */

/** How far (hops, ±23 ms) from a beat its accent may start: an attack spreads over a window or two. */
const NEAR = 2;
/** Alternate beats this unequal in strong accents (the weaker this share of the stronger, or less) are eighths: the beat is every other one. */
const EIGHTHS = 0.3;
/**
 * The bass and kicks recurring at one and a half tracked beats at least this many times as much as
 * at one, and at least BAR_SHARE as much as they are like themselves, is a bar of three beats
 * tracked at one beat in two (the waltz measured: 0.91 against 0.02; every other song measured
 * recurs at one tracked beat at least as much as at one and a half).
 */
const BAR_OF_THREE = 2;
/** The weakest of three beats in the time of two tracked ones at least this share of the strongest: each carries a kick or a snare. */
const THREE_IN_TWO = 0.5;
const BAR_SHARE = 0.1;

/** The strongest accent within NEAR hops of each frame, or of `after` hops past each. */
function accentsAt(strong: Float64Array, frames: readonly number[], after = 0): number[] {
  return frames.map((frame) => {
    const at = Math.round(frame + after);
    let most = 0;
    for (let t = at - NEAR; t <= at + NEAR; t++) most = Math.max(most, strong[t] ?? 0);
    return most;
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** How alike `accents` is to itself `lag` hops later (the best of the whole hops either side of it), as a share of its likeness at lag 0. */
function alikeAt(accents: Float64Array, lag: number): number {
  const at = (whole: number) => {
    let sum = 0;
    for (let t = whole; t < accents.length; t++) sum += accents[t]! * accents[t - whole]!;
    return sum / Math.max(1, accents.length - whole);
  };
  return Math.max(at(Math.floor(lag)), at(Math.ceil(lag))) / (at(0) || 1);
}

/**
 * The beats as tracked at `period` hops, or every other one, or twice as many, as the strong
 * accents say (`allowed` says which periods are within the tempos tracked, `track` tracks the
 * beats again at another period):
 * - every other one, at twice the period, when alternate beats are unequal (one carries a kick or
 *   a snare, the next only a hi-hat: the weaker EIGHTHS of the stronger or less, in both halves of
 *   every four), so the beats tracked were eighths: those that carry the strong accents; unless
 *   three beats in the time of two tracked ones each carry a kick or a snare (a drummed waltz
 *   tracked at one and a half beats: a kick, then a hat), then tracked again at two thirds;
 * - tracked again at half the period when the bass notes and kicks recur at one
 *   and a half tracked beats and hardly at one: a bar is a whole number of beats, so the tracked
 *   beats were every other beat of a bar of three (a waltz's bass on 1 falls on a tracked beat,
 *   then between two). A bass on every eighth recurs at one tracked beat as much, and is left.
 */
export function onTheBeat(
  { strong, bass }: { strong: Float64Array; bass: Float64Array },
  frames: readonly number[],
  period: number,
  allowed: (period: number) => boolean,
  track: (period: number) => number[],
): { period: number; frames: number[] } {
  if (frames.length < 8) return { period, frames: [...frames] };
  const at = accentsAt(strong, frames);
  const [even, odd] = [mean(at.filter((_, i) => i % 2 === 0)), mean(at.filter((_, i) => i % 2 === 1))];
  const parity = even >= odd ? 0 : 1;
  const inFour = (phase: number) => mean(at.filter((_, i) => i % 4 === phase));
  // Both of the stronger pair in every four beats carry an accent (a kick and a snare), not only the
  // first: a bass note that starts each bar of four makes alternate beats just as unequal (the
  // celebration mood: 1.08 and 0.09; the 80 bpm rock beat tracked at 160: 1.13 and 1.09).
  const [first, third] = [inFour(parity), inFour(parity + 2)];
  const unequal =
    Math.min(even, odd) <= EIGHTHS * Math.max(even, odd) && Math.min(first, third) >= EIGHTHS * Math.max(first, third);
  if (allowed(2 * period) && unequal) {
    const accented = frames.filter((_, i) => i % 2 === parity);
    // Three beats in the time of two tracked ones, each accented (a kick, then two snares): a bar of
    // three tracked at one and a half beats, so the beat is two thirds of the tracked one.
    const threeInTwo = [0, 1, 2].map((k) => mean(accentsAt(strong, accented, (k * 2 * period) / 3)));
    if (allowed((2 * period) / 3) && Math.min(...threeInTwo) >= THREE_IN_TWO * Math.max(...threeInTwo))
      return { period: (2 * period) / 3, frames: track((2 * period) / 3) };
    return { period: 2 * period, frames: accented };
  }
  const [threeHalves, one] = [alikeAt(bass, 1.5 * period), alikeAt(bass, period)];
  if (allowed(period / 2) && threeHalves >= BAR_SHARE && threeHalves >= BAR_OF_THREE * one) {
    return { period: period / 2, frames: track(period / 2) };
  }
  return { period, frames: [...frames] };
}
