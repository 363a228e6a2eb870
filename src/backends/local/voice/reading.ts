import { z } from 'zod';
import { SpokenWord } from './transcript.js';

/**
 * The typed message found in a voice recording by forced alignment (soundswallower: PocketSphinx
 * in WebAssembly with its US English model, from npm): most people record themselves reading
 * what they typed, so the captions can show their own words, spelt and punctuated as typed, at
 * the times they are said. Kept with the recording, for the message it was made from.
 */
export const Reading = z.object({
  /** The typed message it was aligned with: a reading of another message says nothing of this one. */
  message: z.string(),
  /** The message's words as typed (punctuation kept), each with when it is said. */
  words: z.array(SpokenWord),
  /** How surely the recording says those words: the aligner's mean word probability (0 to 1). */
  match: z.number().min(0).max(1),
});
export type Reading = z.infer<typeof Reading>;

/**
 * At or above this, the recording reads the typed message. Measured (docs/speech.md): the
 * message as spoken scores 0.96, a paraphrase of it 0.93, another message 0.84.
 */
export const READS_AT = 0.9;

/** Whether `reading` is of this message and the recording really says it. */
export function readsMessage(reading: Reading | undefined, message: string): reading is Reading {
  return !!reading && reading.message === message && reading.match >= READS_AT && reading.words.length > 0;
}

/** A typed word and the dictionary word the aligner listens for (null: not in its dictionary). */
export interface TypedWord {
  typed: string;
  spoken: string | null;
}

/** Pure: a typed word as the aligner's dictionary spells it (lower case, no punctuation, curly apostrophes straight). */
export function dictionarySpelling(typed: string): string {
  return typed
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * Pure: the typed message's words on the aligner's timings. `timed` holds one entry per word
 * with a `spoken` form, in order; a word the dictionary lacks (a name, a number) is shown with
 * the word said before it (or after it, at the start), so every typed word is on screen.
 */
export function typedWordsAtTimes(words: TypedWord[], timed: { start: number; end: number }[]): SpokenWord[] {
  const out: SpokenWord[] = [];
  let pending: string[] = [];
  let next = 0;
  for (const word of words) {
    if (word.spoken === null) {
      const last = out.at(-1);
      if (last) last.text = `${last.text} ${word.typed}`;
      else pending.push(word.typed);
      continue;
    }
    const at = timed[next++];
    if (!at) break;
    out.push({ text: [...pending, word.typed].join(' '), start: at.start, end: at.end });
    pending = [];
  }
  return out;
}
