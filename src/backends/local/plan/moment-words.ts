import type { Segment } from '../../../core/timeline/model.js';
import type { LetterSettings } from '../project.js';
import { readingSeconds } from './pacing.js';

const round = (s: number) => Math.round(s * 1000) / 1000;

/** A stretch of the letter given to one moment's own words: its caption and the lines pinned to it. */
export interface MomentWords {
  start: number;
  end: number;
  segments: Segment[];
}

/** Words on a moment stay clear of its crossfades when the moment is long enough to allow it. */
const SETTLE_SECONDS = 0.3;

/**
 * Pure: the words that belong to moments: each moment's caption, then the message lines pinned to
 * it, one after another from when the moment has faded in (and the title card has gone), each on
 * screen long enough to read at the letter's pace, within the time the moment is on screen alone
 * (before the next starts fading over it, and before the closing card). `pinned` holds the
 * message lines that are pinned, as they read now; `cards` the title card's end and the closing
 * card's start.
 */
export function momentWords(
  settings: LetterSettings,
  shots: readonly Segment[],
  pinned: readonly string[],
  cards: { from: number; to: number },
): MomentWords[] {
  return shots.flatMap((shot, i) => {
    const id = shot.mediaId;
    if (!id) return [];
    const texts = [
      settings.moments[id]?.caption,
      ...settings.pins.filter((p) => p.mediaId === id && pinned.includes(p.line)).map((p) => p.line),
    ].filter((t): t is string => !!t);
    if (texts.length === 0) return [];
    const previous = shots[i - 1];
    const next = shots[i + 1];
    const inFade = previous ? Math.max(0, previous.end - shot.start) : 0;
    const outFade = next ? Math.max(0, shot.end - next.start) : 0;
    const clear = {
      start: Math.max(shot.start + inFade + SETTLE_SECONDS, cards.from),
      end: Math.min(shot.end - outFade, cards.to),
    };
    // A moment too short to hold its words clear of fades and cards shows them while it is on screen at all.
    const { start, end } = clear.end - clear.start >= 1.5 * texts.length ? clear : shot;
    const wanted = texts.map((t) => readingSeconds(t) * settings.pace);
    const squeeze = Math.min(1, (end - start) / wanted.reduce((a, b) => a + b, 0));
    let t = start;
    const segments = texts.map((text, k) => {
      const from = t;
      t += (wanted[k] ?? 0) * squeeze;
      return { start: round(from), end: round(t), label: text, text, moment: id };
    });
    return [{ start: round(start), end: round(t), segments }];
  });
}

/**
 * Pure: the stretches of [from, to) not taken by moments' own words, in order, so the paced
 * message lines go around them.
 */
export function freeStretches(
  from: number,
  to: number,
  busy: readonly MomentWords[],
): { start: number; end: number }[] {
  const free: { start: number; end: number }[] = [];
  let t = from;
  for (const b of [...busy].sort((a, c) => a.start - c.start)) {
    if (b.start > t) free.push({ start: t, end: Math.min(b.start, to) });
    t = Math.max(t, b.end);
  }
  if (t < to) free.push({ start: t, end: to });
  return free.filter((f) => f.end - f.start > 0.05);
}
