/**
 * Plain language to edit operations. Why a grammar and not a list of regular expressions: the old
 * rules each scanned the whole instruction for their own words, so every new phrasing was one
 * more pattern, two rules could claim the same words, and a sentence with two wishes or a negation
 * ("don't change the music") fooled them. Here the instruction is
 *   1. tokenized (tokens.ts): English words and phrases, Chinese by longest match over the same
 *      lexicon (lexicon.ts), quotes kept whole, each token knowing where it stands;
 *   2. split into wishes (clause.ts) at punctuation and "and"/"then", but only where what follows
 *      stands on its own, so "Happy Birthday, Grandma" or "photos 1 and 3" stay whole;
 *   3. read into parts (clause.ts): verbs, objects, modifiers, numbers, quotes and the moments it
 *      names (refs.ts), plus whether it is a question, a thank-you or a negation;
 *   4. given to readers (readings/*.ts), one per kind of edit, in order; the first that recognises
 *      the wish says what operations it makes, or that it could mean two things, or that it is not
 *      understood and which operations come closest.
 * A new phrasing is a lexicon entry; a new edit is one reader. When unsure, a reader changes
 * nothing and offers readings: an edit the server is not sure of is never made.
 */
import { readClause, splitWishes, type Clause } from './clause.js';
import { reading, type Context, type Outcome, type Reader, type WishResult } from './outcome.js';
import {
  readAspect,
  readBuild,
  readFade,
  readLength,
  readPace,
  readStyle,
  readTheme,
  readTransition,
  readUndo,
} from './readings/look.js';
import { readBringBack, readCuration, readFitLength } from './readings/curation.js';
import { readFocus } from './readings/framing.js';
import { readClips, readHold, readMove, readRemove, readRotate, readSwap, readTrim } from './readings/moments.js';
import { readLevels, readMusic, readVoice } from './readings/sound.js';
import {
  readCaption,
  readCaptionsSource,
  readClosing,
  readLines,
  readNarration,
  readReplaceWords,
  readSignOff,
  readSizeAlone,
  readTextLook,
  readTitle,
} from './readings/words.js';
import type { LetterView } from './view.js';

export type { LetterView, MomentView } from './view.js';
export type { Reading, WishResult } from './outcome.js';

/**
 * Readers in the order they are asked. Words the person typed for a card or a caption are taken
 * first, so the words inside them are never read as other edits; moments before music and voice
 * (a photo named in a wish is what the wish is about).
 */
const READERS: Reader[] = [
  readUndo,
  readBuild,
  readReplaceWords,
  readLines,
  readSignOff,
  readTitle,
  readClosing,
  readCaptionsSource,
  readNarration,
  // Before captions: "第三张显示全图" (show the third one whole) is framing, not words to show.
  readFocus,
  readCaption,
  readBringBack,
  readCuration,
  readSwap,
  readTrim,
  readRotate,
  readMove,
  readRemove,
  readClips,
  readHold,
  readVoice,
  readMusic,
  readFade,
  readTransition,
  readTextLook,
  readAspect,
  readStyle,
  readTheme,
  readPace,
  readFitLength,
  readLength,
  readLevels,
  readSizeAlone,
];

/** What is offered when nothing in a wish is recognised: a few everyday edits, ready to send. */
const GENERAL = [
  reading('each photo a bit longer on screen', { op: 'hold', moment: 'all', change: 'longer' }),
  reading('calmer music', { op: 'music_mood', change: 'calmer' }),
  reading('bigger captions', { op: 'text_look', target: 'captions', size: { change: 'bigger' } }),
  reading('fade to black at the end', { op: 'fade', at: 'end' }),
];

function remark(clause: Clause): Outcome | undefined {
  if (clause.question) return { kind: 'remark', why: 'question' };
  if (clause.negated && !clause.verbs.includes('read')) return { kind: 'remark', why: 'negation' };
  const acts = clause.verbs.length > 0 || clause.mods.length > 0 || clause.quotes.length > 0;
  if (clause.praise && !acts) return { kind: 'remark', why: 'thanks' };
  return undefined;
}

function readWish(clause: Clause, ctx: Context): Outcome {
  const said = remark(clause);
  if (said) return said;
  for (const reader of READERS) {
    const outcome = reader(clause, ctx);
    if (outcome) return outcome;
  }
  if (
    clause.tokens.every((t) => t.entries.every((e) => e.cat === 'filler' || e.cat === 'polite' || e.cat === 'praise'))
  )
    return { kind: 'remark', why: 'thanks' };
  return { kind: 'unclear', closest: GENERAL };
}

/** Reads an instruction into wishes, each with what it does (or why it does nothing). Pure. */
export function parseInstruction(instruction: string, view: LetterView): WishResult[] {
  const ctx: Context = { instruction, view };
  return splitWishes(instruction).map((tokens) => {
    const clause = readClause(tokens, instruction, view);
    return { wish: clause.text, ...readWish(clause, ctx) };
  });
}
