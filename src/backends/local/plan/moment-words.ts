import type { Segment } from '../../../timeline/model.js';
import type { LetterSettings } from '../project.js';

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
 * it, sharing the time that moment is on screen (from when it has faded in to when the next
 * starts fading over it). `pinned` holds the message lines that are pinned, as they read now.
 */
export function momentWords(
  settings: LetterSettings,
  shots: readonly Segment[],
  pinned: readonly string[],
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
    const clear = { start: shot.start + inFade + SETTLE_SECONDS, end: shot.end - outFade };
    const { start, end } = clear.end - clear.start >= 1.5 * texts.length ? clear : shot;
    const each = (end - start) / texts.length;
    const segments = texts.map((text, k) => ({
      start: round(start + k * each),
      end: round(start + (k + 1) * each),
      label: text,
      text,
      moment: id,
    }));
    return [{ start: round(start), end: round(end), segments }];
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
