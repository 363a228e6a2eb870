import type { SpokenWord } from './transcript.js';

/** A caption made from speech: the words of one breath, on screen while they are said. */
export interface SpokenPhrase {
  text: string;
  /** Seconds from the recording's start. */
  start: number;
  end: number;
}

/** A pause this long between two words ends a caption: people pause between phrases. */
export const PHRASE_PAUSE_SECONDS = 0.3;
/** A caption holds at most this many words, or this many seconds of speech, to be read at a glance. */
export const PHRASE_MAX_WORDS = 8;
export const PHRASE_MAX_SECONDS = 3.5;
/** After its last word a caption stays a little, to be finished reading, unless the next one starts. */
const HOLD_SECONDS = 0.6;
/** No caption flashes by: at least this long on screen when the speech leaves room. */
const MIN_SCREEN_SECONDS = 1.2;

const round = (s: number) => Math.round(s * 1000) / 1000;

/**
 * Pure: the words heard, grouped into captions at the speaker's pauses (and at a length that
 * reads at a glance). Each caption appears as its first word is said and stays at least until
 * its last word ends, then a little longer when the next caption is not due yet.
 */
export function spokenPhrases(words: readonly SpokenWord[]): SpokenPhrase[] {
  const breaths: SpokenWord[][] = [];
  for (const word of words) {
    const breath = breaths.at(-1);
    const last = breath?.at(-1);
    if (!breath || !last || word.start - last.end >= PHRASE_PAUSE_SECONDS) breaths.push([word]);
    else breath.push(word);
  }
  const groups = breaths.flatMap(evenParts);
  const opening = new Set(breaths.map((b) => b[0]));
  return groups.map((group, i) => {
    const start = (group[0] as SpokenWord).start;
    const spoken = (group.at(-1) as SpokenWord).end;
    const next = groups[i + 1]?.[0]?.start ?? Infinity;
    const end = Math.max(spoken, Math.min(next, Math.max(spoken + HOLD_SECONDS, start + MIN_SCREEN_SECONDS)));
    return {
      text: captionText(
        group.map((w) => w.text),
        opening.has(group[0]),
      ),
      start: round(start),
      end: round(end),
    };
  });
}

/** A breath too long to read at a glance, cut into as few parts of even word counts as fit. */
function evenParts(breath: SpokenWord[]): SpokenWord[][] {
  const seconds = (breath.at(-1) as SpokenWord).end - (breath[0] as SpokenWord).start;
  const count = Math.min(
    breath.length,
    Math.max(Math.ceil(breath.length / PHRASE_MAX_WORDS), Math.ceil(seconds / PHRASE_MAX_SECONDS)),
  );
  return Array.from({ length: count }, (_, i) =>
    breath.slice(Math.round((i * breath.length) / count), Math.round(((i + 1) * breath.length) / count)),
  );
}

/** Words as a caption reads: "I" as a word, and a capital where a breath begins (not where a long one was cut). */
function captionText(words: string[], opensBreath: boolean): string {
  const text = words.map((w) => w.replace(/^i(?=$|')/, 'I')).join(' ');
  return opensBreath ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
