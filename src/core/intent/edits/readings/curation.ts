import type { Clause } from '../clause.js';
import type { MomentView } from '../view.js';
import { byId, edit, hasVerb, type Reader } from '../outcome.js';

/**
 * Which photos of a big folder play: "bring back beach-2.jpg", "use all the photos", "make it
 * about a minute", "keep it under 2 minutes", "一分钟左右". Chinese runs file names and verbs
 * together ("把beach2.jpg加回来" is one token), so names and bound words are looked for in the
 * wish's text.
 */

const BRING_BACK = /\b(bring|put|add|get)\b.*\bback\b|\b(restore|include|keep|use)\b|加回|恢复|放回|用上|保留|加上/i;
const ALL_PHOTOS =
  /\b(all|every|each)\b.*\b(photos?|pictures?|pics?|shots?)\b|所有.*(照片|图片)|全部.*(照片|图片)|(照片|图片).*(都用|全用|全部)/i;
const DUPLICATES = /\b(duplicates?|doubles?|blurr?(y|ed)?)\b|重复|模糊/i;
const ABOUT = /\b(about|around|roughly|approximately|or so|some)\b|左右|大约|大概|差不多/i;
const UNDER =
  /\b(under|below|within|at most|less than|no (more|longer) than|shorter than|not more than|max(imum)?)\b|以内|之内|不超过|最多|不到|以下/i;

const stem = (name: string) => name.toLowerCase().replace(/\.[^.]+$/, '');

/** The left-out photos whose file name (with or without extension) the wish says. */
function namedLeftOut(clause: Clause, leftOut: readonly MomentView[]): MomentView[] {
  const text = clause.text.toLowerCase();
  const exact = leftOut.filter((m) => text.includes(m.fileName.toLowerCase()));
  if (exact.length) return exact;
  return leftOut.filter((m) => stem(m.fileName).length >= 3 && text.includes(stem(m.fileName)));
}

/** "bring back beach-2.jpg", "use beach-2 too", "把beach2.jpg加回来": a photo that does not play. */
export const readBringBack: Reader = (clause, ctx) => {
  if (!BRING_BACK.test(clause.text) && !hasVerb(clause, 'on', 'use', 'add')) return undefined;
  const named = namedLeftOut(clause, ctx.view.leftOut ?? []);
  // A longer name that holds a shorter one ("beach-2" and "beach"): the longest said is meant.
  const longest = named.filter((m) => !named.some((o) => o !== m && stem(o.fileName).includes(stem(m.fileName))));
  if (longest.length === 0) return undefined;
  return edit(
    `Brought back ${longest.map((m) => m.fileName).join(', ')}`,
    ...longest.map((m) => ({ op: 'bring_back' as const, moment: byId(m.id) })),
  );
};

/** "use all the photos", "用所有的照片"; "set aside the duplicates again" turns setting aside back on. */
export const readCuration: Reader = (clause) => {
  if (clause.moments.some((m) => !m.all && !m.bare)) return undefined;
  if (
    DUPLICATES.test(clause.text) &&
    (clause.no || hasVerb(clause, 'remove') || /set aside|leave out|去掉|去除/i.test(clause.text))
  )
    return edit('Duplicates and blurred shots set aside', { op: 'curate', on: true });
  if (ALL_PHOTOS.test(clause.text) && (BRING_BACK.test(clause.text) || hasVerb(clause, 'use', 'on', 'add')))
    return edit('Every photo plays', { op: 'curate', on: false });
  return undefined;
};

/** The length a wish names in seconds: its number with a unit, or "a minute", "half a minute", "半分钟". */
function secondsSaid(clause: Clause): number | undefined {
  const n = clause.numbers.find((x) => x.unit === 'seconds' || x.unit === 'minutes');
  if (n) return n.value * (n.unit === 'minutes' ? 60 : 1);
  if (/\bhalf a minute\b|半分钟/i.test(clause.text)) return 30;
  if (/\ba minute and a half\b|一分半/i.test(clause.text)) return 90;
  if (/\b(a|one) minute\b/i.test(clause.text)) return 60;
  return undefined;
}

/** "make it about a minute", "keep it under 2 minutes", "一分钟左右", "两分钟以内": the best photos to fit. */
export const readFitLength: Reader = (clause) => {
  // "each photo about 5 seconds" is a photo's length, not the letter's (readHold).
  if (clause.each || clause.moments.some((m) => !m.bare || m.all)) return undefined;
  if (clause.objects.some((o) => !['letter', 'length', 'video', 'photo'].includes(o))) return undefined;
  const about = ABOUT.test(clause.text);
  const under = UNDER.test(clause.text);
  if (about === under) return undefined;
  const said = secondsSaid(clause);
  if (said === undefined) return undefined;
  const seconds = Math.min(600, Math.max(6, said));
  const within = about ? ('about' as const) : ('under' as const);
  return edit(`Letter fitted to ${within} ${seconds} s with the best photos`, { op: 'fit_length', seconds, within });
};
