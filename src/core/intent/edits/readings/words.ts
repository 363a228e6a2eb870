import { FontName } from '../../../timeline/model.js';
import { COLOUR_WORDS, type Colour } from '../../../timeline/operations.js';
import { textAfter, type Clause } from '../clause.js';
import { has, type Token } from '../tokens.js';
import {
  ambiguous,
  amount,
  asksOff,
  byId,
  edit,
  hasMod,
  hasObject,
  hasVerb,
  modWith,
  nameOf,
  reading,
  unclear,
  type Context,
  type Reader,
} from '../outcome.js';
import { unresolved } from './which-moment.js';

const ZH_COLOURS: Record<string, keyof typeof COLOUR_WORDS> = {
  白: 'white',
  黑: 'black',
  金: 'gold',
  黄: 'yellow',
  橙: 'orange',
  红: 'red',
  粉: 'pink',
  紫: 'purple',
  蓝: 'blue',
  绿: 'green',
  灰: 'grey',
  棕: 'brown',
  银: 'silver',
};

function colourIn(clause: Clause): Colour | undefined {
  const word = clause.tokens.find((t) => t.norm in COLOUR_WORDS || /^#[0-9a-f]{6}$/.test(t.norm));
  if (word) return word.norm;
  const zh = /([白黑金黄橙红粉紫蓝绿灰棕银])色/.exec(clause.text);
  return zh ? ZH_COLOURS[zh[1]!] : undefined;
}

const BACKINGS = ['outline', 'band', 'shadow'] as const;

/** Size, face, colour and backing words for a text look. */
function lookOf(clause: Clause) {
  const size = hasMod(clause, 'bigger')
    ? ('bigger' as const)
    : hasMod(clause, 'smaller')
      ? ('smaller' as const)
      : undefined;
  const font = FontName.safeParse(modWith(clause, 'font:')).data;
  const colour = colourIn(clause);
  const backing = BACKINGS.find((b) => b === modWith(clause, 'backing:'));
  if (!size && !font && !colour && !backing) return undefined;
  return {
    ...(size && { size: { change: size, by: amount(clause, 0.25) } }),
    ...(font && { font }),
    ...(colour && { colour }),
    ...(backing && { backing }),
  };
}

const isTo = (t: Token) => has(t, 'prep', 'to') || t.text === ':' || t.text === '：';

/** The words a card or caption should say: quoted, or everything after "to", "as", ":" or "改成". */
function payload(clause: Clause, ctx: Context, from: (t: Token) => boolean): string | undefined {
  if (clause.quotes.length === 1) return clause.quotes[0];
  const start = clause.tokens.findIndex(from);
  if (start < 0) return undefined;
  const rest = clause.tokens.slice(start + 1);
  const to = rest.find(isTo);
  return to ? textAfter(clause, ctx.instruction, (t) => t === to) : undefined;
}

const cardOf = (key: 'title' | 'closing') => (key === 'title' ? 'Title' : 'Closing card');

/** "change the title to Happy 80th Birthday Grandma", "标题改成 生日快乐", "bigger title", "no title". */
function readCard(key: 'title' | 'closing'): Reader {
  return (clause, ctx) => {
    const named = hasObject(clause, key) || (key === 'title' && hasVerb(clause, 'name'));
    if (!named || hasVerb(clause, 'fade')) return undefined;
    if (clause.quotes.length === 2) return undefined;
    const look = lookOf(clause);
    if (look)
      return edit(`${cardOf(key)} ${look.size?.change ?? 'look changed'}`, { op: 'text_look', target: key, ...look });
    if (asksOff(clause) && !clause.quotes.length) return edit(`${cardOf(key)} removed`, { op: key, text: '' });
    const text =
      payload(clause, ctx, (t) => has(t, 'object', key) || has(t, 'verb', 'name')) ??
      (hasVerb(clause, 'name') ? textAfter(clause, ctx.instruction, (t) => has(t, 'object', 'letter')) : undefined);
    if (text) return edit(`${cardOf(key)}: "${text}"`, { op: key, text });
    return unclear(
      `Say the words for the ${key === 'title' ? 'title' : 'closing'} card, e.g. "change the ${key} to …".`,
      reading(`a bigger ${key}`, { op: 'text_look', target: key, size: { change: 'bigger' } }),
      reading(`no ${key} card`, { op: key, text: '' }),
    );
  };
}
export const readTitle = readCard('title');
export const readClosing = readCard('closing');

/** "sign it from Anna, Tom and the kids", "sign it 'Love, Lena'", "署名 莉娜". */
export const readSignOff: Reader = (clause, ctx) => {
  if (!hasVerb(clause, 'sign') || hasObject(clause, 'closing')) return undefined;
  if (clause.quotes.length === 1)
    return edit(`Closing card: "${clause.quotes[0]}"`, { op: 'closing', text: clause.quotes[0]! });
  const names =
    textAfter(clause, ctx.instruction, (t) => has(t, 'prep', 'from') || has(t, 'prep', 'to')) ??
    textAfter(clause, ctx.instruction, (t) => has(t, 'verb', 'sign'));
  if (!names) return undefined;
  const cleaned = names.replace(/^(?:(?:it|this|the letter)\s+)?(?:(?:from|as|by)\s+)?/i, '');
  // Keep the person's own sign-off phrase ("With all my love,") and put the new names under it.
  const phrase = /^[^\n]*[,，]$/m.exec(ctx.view.closing)?.[0];
  const text = phrase ? `${phrase}\n${cleaned}` : `With love, ${cleaned}`;
  return edit(`Closing card: "${text.replace('\n', ' ')}"`, { op: 'closing', text });
};

/** The line of the message, or the card, that holds these words. */
function whereWords(
  ctx: Context,
  words: string,
): { card?: 'title' | 'closing'; line?: number; text: string } | undefined {
  const lower = words.toLowerCase();
  const line = ctx.view.lines.findIndex((l) => l.toLowerCase().includes(lower));
  if (line >= 0) return { line: line + 1, text: ctx.view.lines[line]! };
  if (ctx.view.title.toLowerCase().includes(lower)) return { card: 'title', text: ctx.view.title };
  if (ctx.view.closing.toLowerCase().includes(lower)) return { card: 'closing', text: ctx.view.closing };
  return undefined;
}

const replaceWords = (text: string, from: string, to: string) => {
  const i = text.toLowerCase().indexOf(from.toLowerCase());
  return text.slice(0, i) + to + text.slice(i + from.length);
};

/** "change 'see you soon' to 'see you at Christmas'", also without quotes when the words are in the letter. */
export const readReplaceWords: Reader = (clause, ctx) => {
  if (!hasVerb(clause, 'change', 'replace', 'make')) return undefined;
  let from = clause.quotes[0];
  let to = clause.quotes[1];
  if (!from || !to) {
    const m =
      /(?:change|replace|make|把|将)\s*(.+?)\s*(?:\bto\b|\binto\b|\bwith\b|改成|改为|换成|变成)\s*(.+)$/isu.exec(
        clause.text,
      );
    if (!m) return undefined;
    from = m[1]!.replace(/^(the (line|words|sentence|text)\s+)/i, '').replace(/^["'“「]|["'”」]$/g, '');
    to = m[2]!.replace(/^["'“「]|["'”」.。]$/g, '');
  }
  const found = whereWords(ctx, from);
  if (!found)
    return clause.quotes.length === 2
      ? unclear(`"${from}" is not in the title, the closing or the message.`)
      : undefined;
  const text = replaceWords(found.text, from, to);
  if (found.card) return edit(`${cardOf(found.card)}: "${text}"`, { op: found.card, text });
  return edit(`Line ${found.line}: "${text}"`, { op: 'replace_line', line: found.line!, text });
};

/** "add a line at the end: We miss you", "add 'We miss you' at the start", "remove the line 'see you soon'". */
export const readLines: Reader = (clause, ctx) => {
  const aboutLine =
    hasObject(clause, 'line') ||
    (hasVerb(clause, 'add') &&
      (hasObject(clause, 'message') || (clause.quotes.length === 1 && clause.objects.length === 0)));
  // A line put on a photo is a caption or a pinned line (readCaption).
  if (!aboutLine || clause.moments.length) return undefined;
  if (asksOff(clause)) {
    const which = clause.quotes[0] ?? (clause.tokens.some((t) => has(t, 'ordinal', 'last')) ? 'last' : undefined);
    const ordinal = clause.tokens.find((t) => t.entries.some((e) => e.cat === 'ordinal' && e.key !== 'last'));
    const line = which ?? (ordinal ? Number(ordinal.entries.find((e) => e.cat === 'ordinal')!.key) : undefined);
    if (line === undefined)
      return unclear('Say which line to take out: its words in quotes, its number, or "the last line".');
    return edit(`Line ${typeof line === 'string' ? `"${line}"` : line} taken out`, { op: 'remove_line', line });
  }
  if (!hasVerb(clause, 'add', 'put')) return undefined;
  const text = clause.quotes[0] ?? textAfter(clause, ctx.instruction, isTo);
  if (!text) return unclear('Say the words of the new line, e.g. "add a line at the end: We miss you".');
  const at = clause.tokens.some((t) => has(t, 'place', 'start') && !has(t, 'ordinal')) ? 'start' : 'end';
  return edit(`New line at the ${at}: "${text}"`, { op: 'add_line', text, at });
};

/** "put 'our first home' on the beach photo", "on the beach photo write our first home", "put the line 'see you soon' on photo 2". */
export const readCaption: Reader = (clause, ctx) => {
  if (!hasVerb(clause, 'put', 'add', 'write', 'change', 'make') && !hasObject(clause, 'captions')) return undefined;
  const target = clause.moments.find((m) => m.ids.length === 1 || m.several || m.missing);
  if (!target || target.all) return undefined;
  const quoted = clause.quotes[0];
  const existing = quoted ? whereWords(ctx, quoted) : undefined;
  const onPrep = clause.tokens
    .slice(0, target.from)
    .reverse()
    .find((t) => !has(t, 'filler'));
  let text = quoted;
  if (!text) {
    const verb = clause.tokens.findIndex((t) => has(t, 'verb', 'put') || has(t, 'verb', 'add'));
    if (verb < 0) return undefined;
    if (verb > target.to) text = textAfter(clause, ctx.instruction, (t) => t === clause.tokens[verb]);
    else if (onPrep && has(onPrep, 'prep', 'on') && clause.tokens.indexOf(onPrep) > verb + 1)
      text = ctx.instruction.slice(clause.tokens[verb + 1]!.start, onPrep.start).trim() || undefined;
  }
  if (asksOff(clause) && hasObject(clause, 'captions')) text = '';
  if (text === undefined) return undefined;
  const problem = unresolved(
    clause,
    ctx,
    (id) => [{ op: 'caption', moment: byId(id), text }],
    (name) => `on "${name}"`,
  );
  if (problem) return problem;
  const id = target.ids[0]!;
  if (existing?.line && hasObject(clause, 'line'))
    return edit(`Line ${existing.line} shows on ${nameOf(ctx.view, id)}`, {
      op: 'pin_line',
      line: existing.line,
      moment: byId(id),
    });
  return edit(text ? `"${text}" on ${nameOf(ctx.view, id)}` : `Caption taken off ${nameOf(ctx.view, id)}`, {
    op: 'caption',
    moment: byId(id),
    text,
  });
};

/** "bigger captions", "make the text bigger", "captions in gold with a band", "字幕大一点", "text at the top". */
export const readTextLook: Reader = (clause) => {
  const captions = hasObject(clause, 'captions', 'line', 'message');
  const text = hasObject(clause, 'text');
  if (!captions && !text) return undefined;
  const position = modWith(clause, 'pos:');
  if (position && !hasObject(clause, 'title', 'closing'))
    return edit(`Words at the ${position}`, { op: 'text_position', position: position as 'top' | 'center' | 'bottom' });
  const look = lookOf(clause);
  if (!look) return undefined;
  const target = captions ? 'captions' : 'all';
  return edit(`${target === 'captions' ? 'Captions' : 'All the words'} ${look.size?.change ?? 'restyled'}`, {
    op: 'text_look',
    target,
    ...look,
  });
};

/** "make it bigger": the title or the captions? */
export const readSizeAlone: Reader = (clause) => {
  if (!hasMod(clause, 'bigger', 'smaller') || clause.objects.some((o) => o !== 'letter')) return undefined;
  const change = hasMod(clause, 'bigger') ? 'bigger' : 'smaller';
  return ambiguous(
    reading(`the captions ${change}`, { op: 'text_look', target: 'captions', size: { change } }),
    reading(`the title ${change}`, { op: 'text_look', target: 'title', size: { change } }),
  );
};

/** "use what I said as the captions" / "用我说的话做字幕"; back: "use my typed message as the captions". */
export const readCaptionsSource: Reader = (clause) => {
  if (!hasObject(clause, 'captions')) return undefined;
  if (hasObject(clause, 'typed'))
    return edit('Captions show the typed message', { op: 'captions_source', from: 'message' });
  if (hasObject(clause, 'spoken') || (hasObject(clause, 'voice') && !asksOff(clause)))
    return edit('Captions follow the voice recording', { op: 'captions_source', from: 'voice' });
  return undefined;
};

/** "read my message aloud", "narrate it", "朗读"; "don't read it aloud", "no narration". */
export const readNarration: Reader = (clause) => {
  const asks =
    (hasVerb(clause, 'read') && (hasMod(clause, 'aloud') || /narrat|[\u3400-\u9fff]/iu.test(clause.text))) ||
    hasObject(clause, 'narration');
  if (!asks) return undefined;
  const off = clause.negated || asksOff(clause) || hasVerb(clause, 'off');
  return edit(off ? 'The message is no longer read aloud' : 'The message is read aloud', { op: 'narration', on: !off });
};
