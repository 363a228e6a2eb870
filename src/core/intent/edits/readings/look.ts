import { Aspect, LookStyle } from '../../../timeline/model.js';
import { Theme } from '../../../timeline/operations.js';
import { has } from '../tokens.js';
import {
  ambiguous,
  amount,
  asksOff,
  edit,
  hasMod,
  hasObject,
  hasVerb,
  modWith,
  reading,
  type Reader,
} from '../outcome.js';

const ASPECT_WORDS: Record<Aspect, string> = {
  '16:9': 'landscape (16:9)',
  '9:16': 'vertical (9:16)',
  '1:1': 'square (1:1)',
};

export const readUndo: Reader = (clause) =>
  hasVerb(clause, 'undo') && !clause.negated ? edit('Undid the last edit', { op: 'undo' }) : undefined;

export const readAspect: Reader = (clause) => {
  const aspect = modWith(clause, 'aspect:');
  if (!aspect || hasObject(clause, 'photo', 'clip', 'title', 'captions')) return undefined;
  const a = Aspect.parse(aspect);
  return edit(`Aspect ${ASPECT_WORDS[a]}`, { op: 'aspect', aspect: a });
};

/** "black and white", "vintage", "warm colours", "natural colours" (warm music is a mood, not a look). */
export const readStyle: Reader = (clause) => {
  const named = modWith(clause, 'style:');
  const warm = hasMod(clause, 'mood:warm') && hasObject(clause, 'look');
  const style = named ?? (warm ? 'warm' : undefined);
  if (!style || hasObject(clause, 'music')) return undefined;
  return edit(`Look: ${style}`, { op: 'style', style: LookStyle.parse(style) });
};

/** "make it a birthday letter", "birthday theme", "生日主题"; not "birthday music". */
export const readTheme: Reader = (clause) => {
  const theme = modWith(clause, 'theme:');
  if (!theme || hasObject(clause, 'music', 'title', 'closing', 'captions')) return undefined;
  if (!hasObject(clause, 'letter', 'theme', 'video') && !hasVerb(clause, 'make', 'use', 'change')) return undefined;
  if (asksOff(clause) && hasObject(clause, 'theme')) return edit('Theme taken off', { op: 'theme', theme: 'none' });
  return edit(`Theme: ${theme}`, { op: 'theme', theme: Theme.parse(theme) });
};

/** "fade to black at the end", "fade in from black", "fade in and out", "no fade at the end". */
export const readFade: Reader = (clause) => {
  const fades = hasVerb(clause, 'fade') || (hasObject(clause, 'black') && hasObject(clause, 'letter', 'black'));
  if (!fades || hasObject(clause, 'music', 'voice', 'transition')) return undefined;
  const text = clause.text.toLowerCase();
  const start = /fade[ -]?in|from black|淡入|渐显/.test(text) || clause.tokens.some((t) => has(t, 'place', 'start'));
  const end = /fade[ -]?out|to black|淡出|渐隐/.test(text) || clause.tokens.some((t) => has(t, 'place', 'end'));
  const at = start && end ? 'both' : start ? 'start' : 'end';
  const secs = clause.numbers.find((n) => n.unit === 'seconds');
  const on = !(clause.no || hasVerb(clause, 'remove', 'off'));
  const where = at === 'both' ? 'at both ends' : `at the ${at}`;
  return edit(on ? `Fade ${at === 'start' ? 'from' : 'to'} black ${where}` : `No fade ${where}`, {
    op: 'fade',
    at,
    on,
    ...(secs && on && { seconds: Math.min(4, Math.max(0.3, secs.value)) }),
  });
};

/** "cuts instead of crossfades", "no transitions", "crossfade between the photos", "longer transitions". */
export const readTransition: Reader = (clause) => {
  const about =
    hasObject(clause, 'transition') ||
    ((hasMod(clause, 'cut') || hasMod(clause, 'crossfade')) && !clause.moments.length);
  if (!about || (hasVerb(clause, 'trim') && !hasObject(clause, 'transition'))) return undefined;
  const instead = clause.tokens.findIndex((t) => has(t, 'prep', 'instead'));
  const before = instead >= 0 ? clause.tokens.slice(0, instead) : clause.tokens;
  const cut =
    before.some((t) => has(t, 'mod', 'cut')) || (asksOff(clause) && !before.some((t) => has(t, 'mod', 'cut')));
  if (hasMod(clause, 'longer', 'shorter') && !cut) {
    const seconds = hasMod(clause, 'longer') ? 1.5 : 0.5;
    return edit(`Crossfades of ${seconds} s`, { op: 'transition', style: 'crossfade', seconds });
  }
  return cut
    ? edit('Cuts between moments', { op: 'transition', style: 'cut' })
    : edit('Crossfades between moments', { op: 'transition', style: 'crossfade' });
};

/** "slower", "a bit faster", "慢一点". */
export const readPace: Reader = (clause) => {
  const slower = hasMod(clause, 'slower');
  if (slower === hasMod(clause, 'faster') || clause.objects.some((o) => !['letter', 'pace', 'video'].includes(o)))
    return undefined;
  const change = slower ? 'slower' : 'faster';
  return edit(`${slower ? 'Slower' : 'Faster'} pace`, { op: 'pace', change, by: amount(clause, 0.2) });
};

/** "make it 45 seconds", "1 minute long", "30秒"; "make it longer" is the letter or each moment. */
export const readLength: Reader = (clause) => {
  if (clause.objects.some((o) => !['letter', 'length', 'video'].includes(o)) || clause.moments.length) return undefined;
  const n = clause.numbers.find((x) => x.unit === 'seconds' || x.unit === 'minutes');
  if (n) {
    const to = Math.min(600, Math.max(6, n.value * (n.unit === 'minutes' ? 60 : 1)));
    return edit(`Letter about ${to} s long`, { op: 'length', to });
  }
  const longer = hasMod(clause, 'longer');
  if (longer === hasMod(clause, 'shorter')) return undefined;
  const change = longer ? 'longer' : 'shorter';
  return ambiguous(
    reading(`the whole letter 5 s ${change}`, { op: 'length', change, by: 5 }),
    reading(`each photo ${change} on screen`, { op: 'hold', moment: 'all', change, by: 1.5 }),
  );
};

/**
 * "turn my written message and photos into a heartfelt video letter with background music": the
 * letter is made from what is there; music is turned on if it was off. Not an edit to refuse.
 */
export const readBuild: Reader = (clause, { view }) => {
  const letter =
    clause.tokens.some((t) => /^(video letter|视频信)$/i.test(t.text)) ||
    (hasVerb(clause, 'create', 'make') &&
      clause.tokens.some((t) => has(t, 'prep', 'to')) &&
      hasObject(clause, 'video', 'letter') &&
      hasObject(clause, 'photo', 'message', 'typed', 'clip'));
  if (!letter || clause.negated || clause.question) return undefined;
  if (hasObject(clause, 'music') && !clause.no && !view.music.on) return edit('Music on', { op: 'music', on: true });
  return { kind: 'remark', why: 'letter' };
};
