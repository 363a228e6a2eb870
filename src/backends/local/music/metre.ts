/**
 * Beats or eighths, by where the strong accents fall (onsets.ts: a kick or a snare against the
 * hi-hats between). Onsets and a tempo prior cannot tell a beat from its eighths when eighths are
 * played throughout: 80 bpm drums with hi-hats on the eighths recur at 160 as strongly as at 80,
 * and the tempo prior (around 120) leans to 160. The strong
 * accents can: on the beat level each beat carries one (a kick or a snare), while on the eighths
 * only every other one does. Tracking at 160 puts half the beats on off-beats, 375 ms from any
 * beat, so this is settled where the beats are made, not left to the choice of cut beats.
 */

/** How far (hops, ±23 ms) from a beat its accent may start: an attack spreads over a window or two. */
const NEAR = 2;
/** Alternate beats this unequal in strong accents (the weaker this share of the stronger, or less) are eighths: the beat is every other one. */
const EIGHTHS = 0.3;

/** The strongest accent within NEAR hops of each frame. */
function accentsAt(strong: Float64Array, frames: readonly number[]): number[] {
  return frames.map((f) => {
    let most = 0;
    for (let t = Math.round(f) - NEAR; t <= Math.round(f) + NEAR; t++) most = Math.max(most, strong[t] ?? 0);
    return most;
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * The beats as tracked at `period` hops; or, when alternate beats are unequal (one carries a kick
 * or a snare, the next only a hi-hat: the weaker EIGHTHS of the stronger or less), so that the
 * beats tracked were eighths, every other one of them: those that carry the strong accents, at
 * twice the period. `allowed` says whether twice the period is within the tempos tracked.
 */
export function onTheBeat(
  strong: Float64Array,
  frames: readonly number[],
  period: number,
  allowed: (period: number) => boolean,
): { period: number; frames: number[] } {
  const at = accentsAt(strong, frames);
  const [even, odd] = [mean(at.filter((_, i) => i % 2 === 0)), mean(at.filter((_, i) => i % 2 === 1))];
  const unequal = Math.max(even, odd) > 0 && Math.min(even, odd) <= EIGHTHS * Math.max(even, odd);
  if (at.length < 8 || !allowed(2 * period) || !unequal) return { period, frames: [...frames] };
  const parity = even >= odd ? 0 : 1;
  return { period: 2 * period, frames: frames.filter((_, i) => i % 2 === parity) };
}
