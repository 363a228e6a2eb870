import type { EditOperationInput, MomentRef } from '../../../timeline/operations.js';
import type { Clause } from '../clause.js';
import type { MomentMention } from '../refs.js';
import { has } from '../tokens.js';
import {
  ambiguous,
  amount,
  asksOff,
  byId,
  edit,
  hasMod,
  hasObject,
  loudness,
  hasVerb,
  nameOf,
  reading,
  unclear,
  type Reader,
} from '../outcome.js';
import { unresolved } from './which-moment.js';

const seconds = (clause: Clause) =>
  clause.numbers.find((n) => n.unit === 'seconds' || n.unit === 'minutes') &&
  clause.numbers
    .filter((n) => n.unit === 'seconds' || n.unit === 'minutes')
    .map((n) => (n.unit === 'minutes' ? n.value * 60 : n.value));

const single = (clause: Clause) => clause.moments.filter((m) => m.ids.length > 0);
const ids = (mentions: MomentMention[]) => mentions.flatMap((m) => m.ids);

export const readSwap: Reader = (clause, ctx) => {
  if (!hasVerb(clause, 'swap')) return undefined;
  const pair = ids(single(clause));
  if (pair.length === 2) {
    const [a, b] = pair as [string, string];
    return edit(`Swapped ${nameOf(ctx.view, a)} and ${nameOf(ctx.view, b)}`, { op: 'swap', a: byId(a), b: byId(b) });
  }
  return (
    unresolved(clause, ctx, () => []) ?? unclear('Say which two photos or clips to swap, e.g. "swap photos 1 and 3".')
  );
};

/** Where a moment goes: first, last, a place, or beside another moment. */
type Where = { to: number | 'first' | 'last' } | { before: MomentRef } | { after: MomentRef };

function destination(clause: Clause, subject: MomentMention): Where | undefined {
  const after = clause.tokens.slice(subject.to + 1);
  const rest = clause.moments.filter((m) => m.from > subject.to && m.ids.length === 1);
  const beside = after.findIndex((t) => has(t, 'place', 'after') || has(t, 'place', 'before'));
  if (beside >= 0 && rest[0]) {
    return has(after[beside]!, 'place', 'after') ? { after: byId(rest[0].ids[0]!) } : { before: byId(rest[0].ids[0]!) };
  }
  // "make mountains.jpg the second photo": a position named like a moment.
  if (rest[0]?.positional) {
    const index = clause.tokens
      .slice(rest[0].from, rest[0].to + 1)
      .find((t) => t.entries.some((e) => e.cat === 'ordinal'));
    const key = index?.entries.find((e) => e.cat === 'ordinal')?.key;
    if (key) return { to: key === 'last' ? 'last' : Number(key) };
  }
  const number = after.find((t) => t.kind === 'number')?.value;
  if (number && after.some((t) => /^(position|place|spot|slot|number)$/i.test(t.text))) return { to: number };
  const ordinal = after.find((t) => t.entries.some((e) => e.cat === 'ordinal'));
  if (ordinal && !has(ordinal, 'ordinal', '1') && !has(ordinal, 'ordinal', 'last'))
    return { to: Number(ordinal.entries.find((e) => e.cat === 'ordinal')!.key) };
  if (after.some((t) => has(t, 'place', 'end')) || hasVerb(clause, 'end')) return { to: 'last' };
  if (after.some((t) => has(t, 'place', 'start')) || hasVerb(clause, 'start')) return { to: 'first' };
  return undefined;
}

export const readMove: Reader = (clause, ctx) => {
  if (!hasVerb(clause, 'move', 'put', 'make', 'start', 'end', 'change') || clause.quotes.length) return undefined;
  const subject = clause.moments[0];
  if (!subject || hasObject(clause, 'voice', 'music', 'title', 'closing', 'captions', 'text', 'line')) return undefined;
  const where = destination(clause, subject);
  if (!where) return undefined;
  const problem = unresolved(clause, ctx, (id) => [{ op: 'move', moment: byId(id), ...where }]);
  if (problem) return problem;
  if (subject.ids.length !== 1) return undefined;
  const id = subject.ids[0]!;
  const place = !('to' in where)
    ? 'next to the other'
    : typeof where.to === 'number'
      ? `to place ${where.to}`
      : where.to;
  return edit(`Moved ${nameOf(ctx.view, id)} ${place}`, {
    op: 'move',
    moment: byId(id),
    ...where,
  });
};

export const readRemove: Reader = (clause, ctx) => {
  // "mute the video" silences it (readClips); only "remove", "delete", "no" leave a moment out.
  if (
    !(clause.no || hasVerb(clause, 'remove')) ||
    clause.moments.length === 0 ||
    hasObject(clause, 'voice', 'music', 'captions', 'title', 'closing', 'line', 'sound', 'transition')
  )
    return undefined;
  const problem = unresolved(clause, ctx, (id) => [{ op: 'remove', moment: byId(id) }]);
  if (problem) return problem;
  const gone = ids(single(clause));
  // "remove the photos" is too sweeping to do on a guess.
  if (gone.length === 0 || clause.moments.some((m) => m.all || m.plural)) return undefined;
  return edit(
    `Removed ${gone.map((id) => nameOf(ctx.view, id)).join(', ')}`,
    ...gone.map((id): EditOperationInput => ({ op: 'remove', moment: byId(id) })),
  );
};

/** "only the first two seconds of the clip", "trim the clip to 3 seconds", "from 1 to 3 seconds". */
export const readTrim: Reader = (clause, ctx) => {
  const clip = clause.moments.find(
    (m) => m.ids.length === 1 && ctx.view.moments.find((v) => v.id === m.ids[0])?.kind === 'clip',
  );
  const times = seconds(clause);
  const trims =
    hasVerb(clause, 'trim', 'start', 'end') ||
    clause.only ||
    clause.tokens.some((t) => has(t, 'quant', 'first-n') || has(t, 'ordinal', '1'));
  if (!clip || !times || !trims || clause.each) return undefined;
  const id = clip.ids[0]!;
  const [a, b] = times;
  // "start the clip at 1 second" sets where it starts; otherwise one number is how much plays.
  const fromTo = b !== undefined ? { from: a!, to: b } : hasVerb(clause, 'start') ? { from: a! } : { to: a! };
  const say = b !== undefined ? `seconds ${a} to ${b}` : 'from' in fromTo ? `from ${a} s in` : `the first ${a} s`;
  return edit(`${nameOf(ctx.view, id)} plays ${say}`, { op: 'trim', moment: byId(id), ...fromTo });
};

/** "hold the beach photo for 6 seconds", "make each photo stay on screen a bit longer". */
export const readHold: Reader = (clause, ctx) => {
  const longer = hasMod(clause, 'longer');
  const shorter = hasMod(clause, 'shorter');
  const times = seconds(clause);
  const holds = hasVerb(clause, 'hold', 'make', 'put', 'change', 'use') || longer || shorter;
  if (!holds || clause.moments.length === 0 || hasObject(clause, 'voice', 'music', 'transition')) return undefined;
  if (!times && longer === shorter) return undefined;
  // "each photo" when every moment is one; "the photos" (not the clip) one by one.
  const every = clause.moments.some((m) => m.all) || (clause.each && !clause.moments.some((m) => m.plural));
  const target = every ? ('all' as const) : undefined;
  const value = times
    ? { to: Math.min(60, Math.max(1.5, times[0]!)) }
    : { change: longer ? ('longer' as const) : ('shorter' as const), by: amount(clause, 1.5) };
  const say = times ? `on screen for ${value.to} s` : `${value.change} on screen`;
  if (target) return edit(`Each moment ${say}`, { op: 'hold', moment: 'all', ...value });
  const problem = unresolved(clause, ctx, (id) => [{ op: 'hold', moment: byId(id), ...value }]);
  if (problem) return problem;
  const held = ids(single(clause));
  return edit(
    `${held.map((id) => nameOf(ctx.view, id)).join(', ')} ${say}`,
    ...held.map((id): EditOperationInput => ({ op: 'hold', moment: byId(id), ...value })),
  );
};

/** "rotate the second photo", "turn the beach photo upside down", "把第二张转正". */
export const readRotate: Reader = (clause, ctx) => {
  if (!hasVerb(clause, 'rotate') && !hasMod(clause, 'upside', 'upright')) return undefined;
  const subject = single(clause)[0];
  if (!subject || subject.ids.length !== 1)
    return unresolved(clause, ctx, (id) => [{ op: 'rotate', moment: byId(id), turn: 90 }]);
  const moment = byId(subject.ids[0]!);
  const name = nameOf(ctx.view, subject.ids[0]!);
  if (hasMod(clause, 'upright')) return edit(`${name} upright as uploaded`, { op: 'rotate', moment, to: 0 });
  if (hasMod(clause, 'upside')) return edit(`${name} turned upside down`, { op: 'rotate', moment, turn: 180 });
  if (hasMod(clause, 'anticlockwise'))
    return edit(`${name} turned a quarter anticlockwise`, { op: 'rotate', moment, turn: -90 });
  if (hasMod(clause, 'clockwise'))
    return edit(`${name} turned a quarter clockwise`, { op: 'rotate', moment, turn: 90 });
  return ambiguous(
    reading(`turn ${name} a quarter clockwise`, { op: 'rotate', moment, turn: 90 }),
    reading(`turn ${name} a quarter anticlockwise`, { op: 'rotate', moment, turn: -90 }),
  );
};

/** A clip's own sound, and how long clips play. */
export const readClips: Reader = (clause) => {
  const aboutClips =
    hasObject(clause, 'clip') ||
    (hasObject(clause, 'video') && (hasObject(clause, 'sound') || hasMod(clause, 'whole') || hasVerb(clause, 'off')));
  if (!aboutClips || hasObject(clause, 'music', 'voice')) return undefined;
  const clip = clause.moments.find((m) => m.ids.length === 1);
  // "the clip" when there is one is every clip; a clip named by place or name is that one.
  const moment = clip && !clip.bare ? byId(clip.ids[0]!) : ('all' as const);
  const percent = clause.numbers.find((n) => n.unit === 'percent');
  const change = loudness(clause);
  const sound = hasObject(clause, 'sound') || hasVerb(clause, 'off') || change !== undefined;
  if (sound && (hasVerb(clause, 'off') || (asksOff(clause) && hasObject(clause, 'sound'))))
    return edit("Clips' own sound muted", { op: 'clip_sound', moment, to: 0 });
  if (sound && percent)
    return edit(`Clips' own sound at ${percent.value}%`, {
      op: 'clip_sound',
      moment,
      to: Math.min(2, percent.value / 100),
    });
  if (sound && change) {
    return edit(`Clips' own sound ${change}`, { op: 'clip_sound', moment, change, by: amount(clause, 0.2) });
  }
  if (hasMod(clause, 'whole')) return edit('Clips play in full (up to 120 s each)', { op: 'clip_limit', seconds: 120 });
  const times = seconds(clause);
  if (times && moment === 'all' && !clause.only)
    return edit(`Clips play up to ${times[0]} s each`, { op: 'clip_limit', seconds: Math.min(600, times[0]!) });
  return undefined;
};
