import { momentMentions, type MomentMention } from './refs.js';
import { has, keyOf, tokenize, type Token } from './tokens.js';
import type { LetterView } from './view.js';

/**
 * One wish of an instruction, read into its parts: the verbs, the objects, the modifiers, the
 * numbers, the quoted words, the moments it names, and whether it is a question, a thank-you or a
 * negation. The readings (readings/*.ts) decide what operation, if any, the parts make.
 */
export interface Clause {
  /** The wish as the person wrote it, and where it starts in the instruction. */
  text: string;
  tokens: Token[];
  verbs: string[];
  objects: string[];
  mods: string[];
  degree?: 'bit' | 'much';
  numbers: { value: number; unit?: string; at: number }[];
  quotes: string[];
  moments: MomentMention[];
  each: boolean;
  only: boolean;
  /** "don't change the music": a negated act. */
  negated: boolean;
  /** "no music", "without the voice", "不要音乐". */
  no: boolean;
  question: boolean;
  praise: boolean;
}

const keys = (tokens: Token[], cat: Parameters<typeof has>[1]) =>
  tokens.flatMap((t) => t.entries.filter((e) => e.cat === cat).map((e) => e.key));

/** Words that may stand alone as a whole wish ("vertical", "black and white", "slower"). */
const WHOLE_MODS = /^(aspect|style|theme):|^(slower|faster)$/;

/** Cuts the instruction where a new wish starts: punctuation or "and"/"then", when what follows stands on its own. */
export function splitWishes(instruction: string): Token[][] {
  const tokens = tokenize(instruction);
  const parts: Token[][] = [[]];
  for (const t of tokens) {
    const boundary = (t.kind === 'punct' && !/^[:：()（）]$/.test(t.text)) || has(t, 'conj');
    if (boundary) parts.push([]);
    else parts.at(-1)!.push(t);
  }
  const wishes: Token[][] = [];
  for (const part of parts) {
    if (part.length === 0) continue;
    const previous = wishes.at(-1);
    if (previous && !standsAlone(part)) {
      // "Happy Birthday, Grandma", "photos 1 and 3", "bring the music back, something upbeat": one wish.
      const between = tokens.filter((t) => t.start >= previous.at(-1)!.end && t.end <= part[0]!.start);
      previous.push(...between, ...part);
    } else wishes.push(part);
  }
  // "把第一张和第二张交换": words before the verb belong to the wish that follows.
  for (let i = wishes.length - 2; i >= 0; i--) {
    if (standsAlone(wishes[i]!)) continue;
    const [before, after] = [wishes[i]!, wishes[i + 1]!];
    const between = tokens.filter((t) => t.start >= before.at(-1)!.end && t.end <= after[0]!.start);
    wishes.splice(i, 2, [...before, ...between, ...after]);
  }
  return wishes;
}

function standsAlone(part: Token[]): boolean {
  if (part.some((t) => has(t, 'verb') || has(t, 'praise') || has(t, 'neg'))) return true;
  if (part.some((t) => has(t, 'ask')) && part.length > 1) return true;
  const mods = keys(part, 'mod');
  if (mods.some((m) => WHOLE_MODS.test(m))) return true;
  const objects = keys(part, 'object').filter((o) => o !== 'letter');
  return (
    objects.length > 0 &&
    (mods.length > 0 || part.some((t) => has(t, 'no') || t.kind === 'number' || t.kind === 'quote'))
  );
}

const ZH = /[\u3400-\u9fff]/u;

function isQuestion(tokens: Token[], text: string): boolean {
  const polite = tokens.some((t) => has(t, 'polite'));
  const first = tokens.find((t) => !has(t, 'filler') && !has(t, 'conj'));
  if (!first) return false;
  if (ZH.test(text)) {
    const asks = tokens.filter((t) => has(t, 'ask'));
    if (asks.some((t) => !/^[吗呢]$/.test(t.text))) return !polite || /什么|哪|怎么|为什么|多少|多长/.test(text);
    return asks.length > 0 && !polite && !tokens.some((t) => has(t, 'verb'));
  }
  return has(first, 'ask') && !polite;
}

/** Reads one wish. */
export function readClause(tokens: Token[], instruction: string, view: LetterView): Clause {
  const start = tokens[0]?.start ?? 0;
  const text = instruction.slice(start, tokens.at(-1)?.end ?? start).trim();
  const negAt = tokens.findIndex((t) => has(t, 'neg'));
  const nextAfterNeg = tokens.slice(negAt + 1).find((t) => !has(t, 'filler') && !has(t, 'degree'));
  // "don't touch the title" is a negated act; "不要音乐" (no music) names what it does not want.
  const negOfVerb = negAt >= 0 && !!nextAfterNeg && !has(nextAfterNeg, 'object');
  const degree = keys(tokens, 'degree')[0] as Clause['degree'];
  const numbers = tokens.flatMap((t, i) => {
    if (t.kind !== 'number' && !(has(t, 'number') && keyOf(tokens[i + 1] ?? t, 'unit'))) return [];
    const unitToken = tokens[i + 1];
    const unit = unitToken ? keyOf(unitToken, 'unit') : undefined;
    return [{ value: t.value!, ...(unit && { unit }), at: i }];
  });
  return {
    text,
    tokens,
    verbs: keys(tokens, 'verb'),
    objects: keys(tokens, 'object'),
    mods: keys(tokens, 'mod'),
    ...(degree && { degree }),
    numbers,
    quotes: tokens.filter((t) => t.kind === 'quote').map((t) => t.text),
    moments: momentMentions(tokens, view),
    each: tokens.some((t) => has(t, 'quant', 'each')),
    only: tokens.some((t) => has(t, 'quant', 'only')),
    negated: negOfVerb,
    no: tokens.some((t) => has(t, 'no')) || (negAt >= 0 && !negOfVerb),
    question: isQuestion(tokens, text),
    praise: tokens.some((t) => has(t, 'praise')),
  };
}

/** The words after the first token that matches, as typed (for a title or a caption given without quotes). */
export function textAfter(
  clause: Clause,
  instruction: string,
  match: (t: Token) => boolean,
  until?: (t: Token) => boolean,
): string | undefined {
  const i = clause.tokens.findIndex(match);
  if (i < 0 || i === clause.tokens.length - 1) return undefined;
  const rest = clause.tokens.slice(i + 1);
  const stop = until ? rest.findIndex(until) : -1;
  const last = stop > 0 ? rest[stop - 1]! : stop === 0 ? undefined : rest.at(-1)!;
  if (!last) return undefined;
  const words = instruction.slice(rest[0]!.start, last.end).trim();
  return words.replace(/^[:：\s"“「]+|["”」\s.。!！]+$/gu, '').trim() || undefined;
}
