import type { Segment } from '../../../core/timeline/model.js';
import type { LetterSettings } from '../project.js';
import { freeStretches, type MomentWords } from './moment-words.js';
import {
  LINE_FLOOR_SECONDS,
  LINE_GAP_SECONDS,
  TITLE_SECONDS,
  narratedSeconds,
  readingSeconds,
  splitMessage,
} from './pacing.js';

const round = (s: number) => Math.round(s * 1000) / 1000;

/**
 * The message's lines and how long each wants to be on screen: long enough to read at the
 * chosen pace, or, read aloud (`spoken` holds each line's speech in seconds), exactly while it is
 * spoken, and then `least` is that too: a spoken line is never cut short.
 */
export function messageLines(settings: LetterSettings, spoken?: readonly number[]) {
  return splitMessage(settings.message).map((text, i) => {
    const speech = spoken?.[i];
    return speech === undefined
      ? { text, wanted: readingSeconds(text) * settings.pace, least: LINE_FLOOR_SECONDS, speech }
      : { text, wanted: narratedSeconds(speech), least: narratedSeconds(speech), speech };
  });
}

/**
 * Lines paced evenly between the title and the closing card, each on screen long enough to read
 * (or while it is spoken), going around the stretches `busy` with moments' own words. When the
 * lines do not fit around them, they are paced over the whole letter as before.
 */
export function messageSegments(
  settings: LetterSettings,
  to: number,
  spoken: readonly number[] | undefined,
  busy: readonly MomentWords[],
  pinned: readonly string[],
): { segment: Segment; speech?: number }[] {
  const lines = messageLines(settings, spoken).filter((l) => !pinned.includes(l.text));
  if (lines.length === 0) return [];
  const from = settings.title ? TITLE_SECONDS : 0.5;
  const around = busy.length ? paceOver(lines, freeStretches(from, to, busy), true) : undefined;
  return around ?? paceOver(lines, [{ start: from, end: to }], false) ?? [];
}

type Line = ReturnType<typeof messageLines>[number];

/** Lines laid one after another over the stretches; undefined when they would run past `limit`. */
export function paceOver(lines: Line[], stretches: { start: number; end: number }[], strict: boolean) {
  const available = stretches.reduce((sum, s) => sum + s.end - s.start, 0);
  const total = lines.reduce((sum, l) => sum + l.wanted, 0);
  // A length shorter than the text wants shares the time out, never below each line's least.
  const squeeze = Math.min(1, (available - lines.length * LINE_GAP_SECONDS) / total);
  const needed = lines.map((l) => Math.max(l.least, l.wanted * squeeze));
  const spare = Math.max(0, available - needed.reduce((a, b) => a + b, 0));
  // Lines spread evenly over the time; around moments' own words, evenly spread lines can land
  // on them, so closer spacings are tried until every line fits in a free stretch.
  const gaps = strict ? [1, 0.5, 0.25, 0].map((f) => (spare / lines.length) * f) : [spare / lines.length];
  for (const gap of gaps) {
    const placed = laidOut(lines, needed, stretches, gap);
    if (placed) return placed;
  }
  return strict ? undefined : laidOut(lines, needed, stretches, gaps[0] ?? 0, true);
}

/** Lines one after another over the stretches with `gap` between; undefined when one does not fit in a stretch (unless `anyway`). */
function laidOut(
  lines: Line[],
  needed: number[],
  stretches: { start: number; end: number }[],
  gap: number,
  anyway = false,
) {
  let k = 0;
  let t = (stretches[0]?.start ?? 0) + gap / 2;
  const placed: { segment: Segment; speech?: number }[] = [];
  for (const [i, line] of lines.entries()) {
    const need = needed[i] ?? 0;
    while (t + need > (stretches[k]?.end ?? Infinity) + 0.01 && k < stretches.length - 1) {
      k++;
      t = Math.max(t, stretches[k]?.start ?? t);
    }
    if (!anyway && t + need > (stretches[k]?.end ?? Infinity) + 0.01) return undefined;
    const start = round(t);
    t += need + gap;
    const segment = { start, end: round(start + need), label: line.text, text: line.text };
    placed.push(line.speech === undefined ? { segment } : { segment, speech: line.speech });
  }
  return placed;
}
