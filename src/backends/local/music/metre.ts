/**
 * Beats, their eighths, or every other beat, by where the strong accents fall (onsets.ts: a kick,
 * a snare, a bass note, against the hi-hats and notes between). Onsets and a tempo prior cannot
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
/** This share of the bass notes and kicks halfway between beats (a waltz tracked at one beat in two puts half there) means the points between are beats too. */
const BAR_OFF_THE_BEAT = 1 / 3;

/** The strongest accent within NEAR hops of each frame. */
function accentsAt(strong: Float64Array, frames: readonly number[]): number[] {
  return frames.map((f) => {
    let most = 0;
    for (let t = Math.round(f) - NEAR; t <= Math.round(f) + NEAR; t++) most = Math.max(most, strong[t] ?? 0);
    return most;
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The local peaks of `accents` at least half as strong as the loudest. */
function peaks(accents: Float64Array): number[] {
  const found: number[] = [];
  for (let t = 1; t < accents.length - 1; t++)
    if (accents[t]! >= 0.5 && accents[t]! >= accents[t - 1]! && accents[t]! > accents[t + 1]!) found.push(t);
  return found;
}

/**
 * The beats as tracked at `period` hops, or every other one, or twice as many, as the strong
 * accents say (`allowed` says which periods are within the tempos tracked):
 * - every other one, at twice the period, when alternate beats are unequal (one carries a kick or
 *   a snare, the next only a hi-hat: the weaker EIGHTHS of the stronger or less), so the beats
 *   tracked were eighths: those that carry the strong accents;
 * - twice as many, the points halfway between added, when at least BAR_OFF_THE_BEAT of the bass
 *   notes and kicks fall halfway between the beats: a bar starts on a beat, so beats tracked at
 *   every other beat of a waltz (whose bar of three starts on one, then between two) were too few.
 */
export function onTheBeat(
  { strong, bass }: { strong: Float64Array; bass: Float64Array },
  frames: readonly number[],
  period: number,
  allowed: (period: number) => boolean,
): { period: number; frames: number[] } {
  if (frames.length < 8) return { period, frames: [...frames] };
  const at = accentsAt(strong, frames);
  const [even, odd] = [mean(at.filter((_, i) => i % 2 === 0)), mean(at.filter((_, i) => i % 2 === 1))];
  const unequal = Math.max(even, odd) > 0 && Math.min(even, odd) <= EIGHTHS * Math.max(even, odd);
  if (allowed(2 * period) && unequal) {
    const parity = even >= odd ? 0 : 1;
    return { period: 2 * period, frames: frames.filter((_, i) => i % 2 === parity) };
  }
  const between = frames.slice(1).map((f, i) => (f + frames[i]!) / 2);
  const bars = peaks(bass).filter((t) => t > frames[0]! && t < frames.at(-1)!);
  const offTheBeat = bars.filter((t) => nearest(between, t) <= NEAR && nearest(frames, t) > NEAR).length;
  if (allowed(period / 2) && bars.length >= 4 && offTheBeat >= BAR_OFF_THE_BEAT * bars.length)
    return { period: period / 2, frames: frames.flatMap((f, i) => (i < between.length ? [f, between[i]!] : [f])) };
  return { period, frames: [...frames] };
}

/** How far `t` is from the nearest of `times`. */
const nearest = (times: readonly number[], t: number) => Math.min(...times.map((x) => Math.abs(x - t)));
