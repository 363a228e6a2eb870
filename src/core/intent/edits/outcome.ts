import type { EditOperationInput, MomentRef } from '../../timeline/operations.js';
import type { Clause } from './clause.js';
import type { LetterView } from './view.js';

/** One way to take a wish: what it would do, in words, and the operations that do it. */
export interface Reading {
  say: string;
  edits: EditOperationInput[];
}

/**
 * What became of one wish. `edit`: these operations do it. `ambiguous`: it could mean each of
 * the readings, so nothing is done until one is chosen. `unclear`: not understood; the closest
 * readings are offered. `refused`: understood, but the letter cannot do it (the sentence says why
 * and what it can do). `remark`: a question, thanks or a negation, which changes nothing.
 */
export type Outcome =
  | { kind: 'edit'; edits: EditOperationInput[]; say: string }
  | { kind: 'ambiguous'; readings: Reading[] }
  | { kind: 'unclear'; closest: Reading[]; why?: string }
  | { kind: 'refused'; why: string }
  | { kind: 'remark'; why: 'question' | 'thanks' | 'negation' | 'letter' };

export type WishResult = Outcome & { wish: string };

export interface Context {
  instruction: string;
  view: LetterView;
}

/** A reading of one wish, or undefined when the wish is not about what this reader knows. */
export type Reader = (clause: Clause, ctx: Context) => Outcome | undefined;

export const edit = (say: string, ...edits: EditOperationInput[]): Outcome => ({ kind: 'edit', edits, say });
export const ambiguous = (...readings: Reading[]): Outcome => ({ kind: 'ambiguous', readings });
export const unclear = (why: string | undefined, ...closest: Reading[]): Outcome => ({
  kind: 'unclear',
  closest,
  ...(why && { why }),
});
export const reading = (say: string, ...edits: EditOperationInput[]): Reading => ({ say, edits });

export const byId = (id: string): MomentRef => ({ id });
/** How a moment is called in a reply: its file name. */
export const nameOf = (view: LetterView, id: string) => view.moments.find((m) => m.id === id)?.fileName ?? id;

/** How much "a bit" and "much" change a value that usually moves by `usual`. */
export const amount = (clause: Clause, usual: number) =>
  clause.degree === 'bit' ? usual : clause.degree === 'much' ? usual * 2 : usual;

export const hasObject = (clause: Clause, ...objects: string[]) => objects.some((o) => clause.objects.includes(o));
export const hasVerb = (clause: Clause, ...verbs: string[]) => verbs.some((v) => clause.verbs.includes(v));
export const hasMod = (clause: Clause, ...mods: string[]) => mods.some((m) => clause.mods.includes(m));
export const modWith = (clause: Clause, prefix: string) =>
  clause.mods.find((m) => m.startsWith(prefix))?.slice(prefix.length);

/** "remove", "no", "turn off", "mute", "stop". */
export const asksOff = (clause: Clause) => clause.no || hasVerb(clause, 'remove', 'off');
/** "add", "turn on", "bring back", "use", "include". */
export const asksOn = (clause: Clause) => !asksOff(clause) && hasVerb(clause, 'add', 'on', 'use');

/** Louder or softer; for sound, Chinese says 大 and 小 ("音乐小一点"). */
export const loudness = (clause: Clause): 'louder' | 'softer' | undefined => {
  const up = hasMod(clause, 'louder', 'bigger');
  const down = hasMod(clause, 'softer', 'smaller');
  return up === down ? undefined : up ? 'louder' : 'softer';
};
