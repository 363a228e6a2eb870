import { isEmojiOnly } from './salutation.js';

/**
 * How long things stay on screen. A line of the message stays long enough to read at about 180
 * words a minute, never less than a floor; CJK text, which has no spaces, counts characters.
 */
export const WORDS_PER_SECOND = 3;
export const LINE_FLOOR_SECONDS = 2.5;
export const LINE_GAP_SECONDS = 0.4;
export const TITLE_SECONDS = 3.5;
export const CLOSING_SECONDS = 4;
export const PHOTO_MIN_SECONDS = 4.5;
export const CROSSFADE_SECONDS = 1;
/** A breath after the voice recording ends, before the letter does. */
export const VOICE_TAIL_SECONDS = 1.5;
/** At most this many words on screen at once (two short rows). */
export const MAX_WORDS_PER_LINE = 14;
const CJK_RANGE = '\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af';
const CJK = new RegExp(`[${CJK_RANGE}]`, 'g');
const CJK_CHAR = new RegExp(`[${CJK_RANGE}]`);

export function wordCount(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').split(/\s+/).filter(Boolean).length;
  // About 1.5 CJK characters take as long to read as one English word.
  return words + cjk / 1.5;
}

export function readingSeconds(line: string): number {
  return Math.max(LINE_FLOOR_SECONDS, wordCount(line) / WORDS_PER_SECOND + 0.6);
}

/** A line read aloud appears this long before its first word, and stays this long after its last. */
export const NARRATION_LEAD_SECONDS = 0.1;
export const NARRATION_TAIL_SECONDS = 0.1;
/** Even a one-word line read aloud ("Hi!") stays long enough to be seen. */
export const NARRATED_LINE_FLOOR_SECONDS = 1;

/**
 * How long a line read aloud stays on screen: while it is spoken and hardly longer, so the words
 * on screen are the words being heard (the voice fills over 80% of every caption's time).
 */
export const narratedSeconds = (spoken: number) =>
  Math.max(NARRATED_LINE_FLOOR_SECONDS, NARRATION_LEAD_SECONDS + spoken + NARRATION_TAIL_SECONDS);

/**
 * Splits a message into on-screen lines: at sentence ends first, then at phrase boundaries
 * (commas, semicolons, dashes) for sentences too long to read at a glance, then by word count.
 * A piece that is only emoji joins the line before it.
 */
export function splitMessage(message: string): string[] {
  const sentences = message
    .replace(/\r/g, '')
    .split(/\n+|(?<=[.!?…。！？])\s*/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .reduce<string[]>((lines, s) => {
      // "I love you!\n❤️": an emoji alone is never a line of its own on screen.
      if (isEmojiOnly(s) && lines.length > 0) lines[lines.length - 1] = `${lines.at(-1)} ${s}`;
      else lines.push(s);
      return lines;
    }, []);
  return sentences.flatMap(splitLongSentence);
}

function splitLongSentence(sentence: string): string[] {
  if (wordCount(sentence) <= MAX_WORDS_PER_LINE) return [sentence];
  const phrases = sentence.split(/(?<=[,;:，；：、—])\s*/u).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const phrase of phrases) {
    const joined = current ? joinPhrases(current, phrase) : phrase;
    if (current && wordCount(joined) > MAX_WORDS_PER_LINE) {
      lines.push(current);
      current = phrase;
    } else {
      current = joined;
    }
  }
  if (current) lines.push(current);
  return lines.flatMap(splitByWords);
}

function joinPhrases(a: string, b: string): string {
  return CJK_CHAR.test(a.slice(-1)) ? a + b : `${a} ${b}`;
}

function splitByWords(line: string): string[] {
  if (wordCount(line) <= MAX_WORDS_PER_LINE) return [line];
  const words = line.split(/\s+/);
  if (words.length <= 1) {
    // One unbroken CJK run: cut it into readable chunks of characters.
    const chars = [...line];
    const size = Math.ceil(MAX_WORDS_PER_LINE * 1.5);
    return Array.from({ length: Math.ceil(chars.length / size) }, (_, i) =>
      chars.slice(i * size, (i + 1) * size).join(''),
    );
  }
  const count = Math.ceil(words.length / MAX_WORDS_PER_LINE);
  const per = Math.ceil(words.length / count);
  return Array.from({ length: count }, (_, i) => words.slice(i * per, (i + 1) * per).join(' '));
}
