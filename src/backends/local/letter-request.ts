import { LetterError } from '../../core/errors.js';
import { parseInstruction, type WishResult } from '../../core/intent/edits/parse.js';
import { wishesReply } from '../../core/intent/edits/reply.js';
import { EditOperation, type MomentRef } from '../../core/timeline/operations.js';
import type { LetterRequest } from '../../core/backend.js';
import { remember } from './plan/history.js';
import { letterView } from './plan/letter-view.js';
import { applyOperations } from './plan/operations/apply.js';
import { frameMessage } from './plan/salutation.js';
import type { HistoryEntry, LetterSettings, StoredMedia } from './project.js';
import { MAX_INSTRUCTION_CHARS, instructionTooLong, textLimit, textTooLong, type LetterText } from './limits.js';

const TEXTS: readonly LetterText[] = ['message', 'title', 'closing'];

/**
 * Refuses words longer than a letter takes before anything reads them: a message is pages, not
 * megabytes, and a title fits its card. Only text that changes is held to the limit.
 */
function checkLengths(request: LetterRequest, before: LetterSettings, after?: LetterSettings): void {
  const asked = request.instruction?.length ?? 0;
  if (asked > MAX_INSTRUCTION_CHARS) throw new LetterError('too_long', instructionTooLong(asked));
  for (const what of TEXTS) {
    const text = after ? after[what] : request[what];
    if (text !== undefined && text !== before[what] && text.trim().length > textLimit(what))
      throw new LetterError('too_long', textTooLong(what, text.trim().length));
  }
}

export interface RequestOutcome {
  settings: LetterSettings;
  /** Undo history after this request: one entry more after an edit, one fewer after an undo. */
  history: HistoryEntry[];
  changes: string[];
  /** What to tell the person: per wish of the instruction what was done or why not, then the fields' and edits' changes. */
  reply: string;
}

/**
 * A message given as a field: its salutation and sign-off go on the title and closing cards when
 * the letter has none and none is given with it (see plan/salutation.ts).
 */
function messageOperations(request: LetterRequest, settings: LetterSettings): EditOperation[] {
  if (request.message === undefined) return [];
  const frame = frameMessage(request.message.trim(), {
    title: !settings.title && !request.title,
    closing: !settings.closing && !request.closing,
  });
  return [
    { op: 'message', text: frame.body },
    ...(frame.salutation ? [{ op: 'title' as const, text: frame.salutation }] : []),
    ...(frame.signOff ? [{ op: 'closing' as const, text: frame.signOff }] : []),
  ];
}

/**
 * The structured fields as edit operations (one code path for every edit), in the order they were
 * always applied. Music's mood comes before on/off so "mood X, music off" stays off.
 */
export function fieldOperations(
  request: LetterRequest,
  media: StoredMedia[],
  settings: LetterSettings,
): EditOperation[] {
  const ops: EditOperation[] = messageOperations(request, settings);
  if (request.title !== undefined) ops.push({ op: 'title', text: request.title });
  if (request.closing !== undefined) ops.push({ op: 'closing', text: request.closing });
  if (request.photoOrder?.length)
    ops.push({ op: 'order', moments: request.photoOrder.map((name) => momentNamed(name, media)) });
  if (request.music?.mood !== undefined) ops.push({ op: 'music_mood', to: request.music.mood });
  if (request.music?.volume !== undefined) ops.push({ op: 'music_level', to: request.music.volume });
  if (request.music?.enabled !== undefined) ops.push({ op: 'music', on: request.music.enabled });
  if (request.voice !== undefined) ops.push({ op: 'voice', on: request.voice });
  if (request.narration !== undefined) ops.push({ op: 'narration', on: request.narration });
  if (request.captions !== undefined) ops.push({ op: 'captions_source', from: request.captions });
  if (request.pace !== undefined) ops.push({ op: 'pace', to: request.pace });
  if (request.lengthSeconds !== undefined) ops.push({ op: 'length', to: request.lengthSeconds });
  if (request.style) ops.push({ op: 'style', style: request.style });
  if (request.textPosition) ops.push({ op: 'text_position', position: request.textPosition });
  if (request.aspect) ops.push({ op: 'aspect', aspect: request.aspect });
  if (request.clips?.maxSeconds !== undefined) ops.push({ op: 'clip_limit', seconds: request.clips.maxSeconds });
  if (request.clips?.volume !== undefined) ops.push({ op: 'clip_sound', moment: 'all', to: request.clips.volume });
  return ops;
}

/** A photo_order entry: a media id or a file name, whichever it matches. */
const momentNamed = (name: string, media: StoredMedia[]): MomentRef =>
  media.some((m) => m.id === name) ? { id: name } : { file: name };

const isUndo = (w: WishResult) => w.kind === 'edit' && w.edits.some((e) => e.op === 'undo');

/** Restores the settings from before the last edit; other wishes sent with it are not done, and the reply says so. */
function undo(others: string[], settings: LetterSettings, history: HistoryEntry[]): RequestOutcome {
  const last = history.at(-1);
  const change = last
    ? `Undid the last edit (${last.changes.join(' ')}).`
    : 'There is no earlier edit to undo; nothing changed.';
  const note = others.length ? ` Undo goes alone, so ${others.join(', ')} was not done: send it again.` : '';
  return {
    settings: last?.settings ?? settings,
    history: history.slice(0, -1),
    changes: [change],
    reply: change + note,
  };
}

/**
 * Pure: applies a generate_letter request to the settings and the undo history. The instruction
 * is read into wishes (src/core/intent/edits); their operations, the structured fields' and the `edits`
 * are applied together, in that order, all or none, as one undo step. "Undo" (said, or the one
 * edit sent) restores the settings from before the last edit.
 */
export function applyRequest(
  request: LetterRequest,
  settings: LetterSettings,
  media: StoredMedia[],
  history: HistoryEntry[] = [],
): RequestOutcome {
  // Before anything reads the words: a megabyte of text is refused, not parsed.
  checkLengths(request, settings);
  const wishes = request.instruction?.trim() ? parseInstruction(request.instruction, letterView(settings, media)) : [];
  const undoEdit = request.edits?.some((e) => e.op === 'undo');
  if (wishes.some(isUndo) || (undoEdit && request.edits?.length === 1)) {
    const others = wishes.filter((w) => !isUndo(w) && w.kind !== 'remark').map((w) => `"${w.wish}"`);
    return undo(others, settings, history);
  }
  const refused = wishes.flatMap((w) => (w.kind === 'refused' ? [w.why] : []));
  const wanted = wishes.flatMap((w) => (w.kind === 'edit' ? [w.edits.map((e) => EditOperation.parse(e))] : []));
  const fields = fieldOperations(request, media, settings);
  const spoken = wanted.flat();
  if (refused.length && spoken.length === 0 && fields.length === 0 && !request.edits?.length)
    throw new LetterError('invalid_request', refused.join(' '));
  const applied = applyOperations(settings, media, [...spoken, ...fields, ...(request.edits ?? [])]);
  // Each wish's sentences, for a reply that says per wish what was done.
  let at = 0;
  const done = wanted.map((ops) => applied.done.slice(at, (at += ops.length)).map((d) => d.sentence));
  // Fields say what the letter should be: one that already is so says nothing. An edit the
  // person asked for always answers, even "already so".
  const rest = applied.done
    .slice(spoken.length)
    .filter((d, i) => d.changed || i >= fields.length)
    .map((d) => d.sentence);
  const changes = [...done.flat(), ...rest];
  checkLengths(request, settings, applied.settings);
  const changed = JSON.stringify(applied.settings) !== JSON.stringify(settings);
  return {
    settings: applied.settings,
    history: changed ? remember(history, settings, changes) : history,
    changes,
    reply: [wishesReply(wishes, done), ...rest].filter(Boolean).join('\n'),
  };
}
