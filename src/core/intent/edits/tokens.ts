import { LEXICON, LONGEST_CHARS, LONGEST_WORDS, type Category, type Entry } from './lexicon.js';

/**
 * Cuts an instruction into tokens, each knowing where it stands in the original words (so the
 * grammar can lift a title or a caption out exactly as the person typed it). English is read word
 * by word, matching the lexicon's longest phrase first ("fade to black" before "fade"); Chinese has
 * no spaces, so it is segmented by longest match against the lexicon, and a character the lexicon
 * does not know stands alone. Quoted words are one token and never read as instructions.
 */
export interface Token {
  /** What it is: its lexicon entries, or a quote, a number, punctuation or an unknown word. */
  entries: Entry[];
  kind: 'known' | 'quote' | 'number' | 'punct' | 'word';
  /** The words as typed; for a quote, the words inside the quotes. */
  text: string;
  /** Lowercased spelling, for matching file names. */
  norm: string;
  value?: number;
  start: number;
  end: number;
}

const QUOTE = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』|‘([^’]+)’|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])/uy;
const NUMBER = /\d+(?:[.,]\d+)?/y;
const LATIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&:/.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[%&=]/uy;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const PUNCT = /[,;!?，。；！？、…:：()（）\n]|\.(?=\s|$)/y;

export const has = (t: Token, cat: Category, key?: string) =>
  t.entries.some((e) => e.cat === cat && (key === undefined || e.key === key));
export const keyOf = (t: Token, cat: Category) => t.entries.find((e) => e.cat === cat)?.key;

function at(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

/** Latin words from `i`, and where each ends, for phrase lookup. */
function wordsFrom(text: string, i: number, count: number): { phrase: string; end: number }[] {
  const out: { phrase: string; end: number }[] = [];
  let pos = i;
  let phrase = '';
  for (let n = 0; n < count; n++) {
    const m = at(LATIN_WORD, text, pos);
    if (!m || (n > 0 && !/^\s+$/.test(text.slice(out.at(-1)!.end, m.index)))) break;
    phrase = n === 0 ? m[0].toLowerCase() : `${phrase} ${m[0].toLowerCase()}`;
    out.push({ phrase: phrase.replace(/[’]/g, "'"), end: m.index + m[0].length });
    pos = m.index + m[0].length;
    while (pos < text.length && text[pos] === ' ') pos++;
    if (pos >= text.length || !/[\p{L}\p{N}%&]/u.test(text[pos]!)) break;
  }
  return out;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (t: Omit<Token, 'norm'>) => tokens.push({ ...t, norm: t.text.toLowerCase() });
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const quote = at(QUOTE, text, i);
    if (quote) {
      const inside = quote.slice(1).find((g) => g !== undefined) ?? '';
      push({ entries: [], kind: 'quote', text: inside.trim(), start: i, end: i + quote[0].length });
      i += quote[0].length;
      continue;
    }
    if (CJK.test(ch)) {
      let len = Math.min(LONGEST_CHARS, text.length - i);
      for (; len > 1; len--) if (LEXICON.has(text.slice(i, i + len))) break;
      const spelling = text.slice(i, i + len);
      const entries = LEXICON.get(spelling) ?? [];
      push({
        entries,
        kind: entries.length ? 'known' : 'word',
        text: spelling,
        start: i,
        end: i + len,
        ...numberOf(entries),
      });
      i += len;
      continue;
    }
    const punct = at(PUNCT, text, i);
    if (punct) {
      push({ entries: [], kind: 'punct', text: punct[0], start: i, end: i + punct[0].length });
      i += punct[0].length;
      continue;
    }
    const number = at(NUMBER, text, i);
    const phrases = wordsFrom(text, i, LONGEST_WORDS);
    const known = [...phrases].reverse().find((p) => LEXICON.has(p.phrase));
    if (number && !(known && known.end > number.index + number[0].length)) {
      const value = Number(number[0].replace(',', '.'));
      push({
        entries: [{ cat: 'number', key: String(value), value }],
        kind: 'number',
        text: number[0],
        start: i,
        end: i + number[0].length,
        value,
      });
      i += number[0].length;
      continue;
    }
    if (known) {
      const entries = LEXICON.get(known.phrase)!;
      push({ entries, kind: 'known', text: text.slice(i, known.end), start: i, end: known.end, ...numberOf(entries) });
      i = known.end;
      continue;
    }
    const word = phrases[0];
    const end = word?.end ?? i + 1;
    push({ entries: [], kind: 'word', text: text.slice(i, end), start: i, end });
    i = end;
  }
  // "1 second", "两秒": after a number a unit is only a unit, never "the second" of something.
  return tokens.map((t, i) =>
    i > 0 && has(t, 'unit') && tokens[i - 1]!.value !== undefined
      ? { ...t, entries: t.entries.filter((e) => e.cat === 'unit') }
      : t,
  );
}

function numberOf(entries: Entry[]): { value?: number } {
  const n = entries.find((e) => e.cat === 'number');
  return n?.value !== undefined ? { value: n.value } : {};
}
