import { LetterError } from '../../errors.js';
import type { EditOperation, MomentRef } from '../../timeline/operations.js';
import type { LetterRequest } from '../backend.js';
import { applyInstruction, editHelp } from './plan/edits.js';
import { asksToUndo, remember } from './plan/history.js';
import { applyOperations } from './plan/operations/apply.js';
import type { HistoryEntry, LetterSettings, StoredMedia } from './project.js';
import { MAX_MESSAGE_CHARS, textLimit, textTooLong, type LetterText } from './limits.js';

const TEXTS: readonly LetterText[] = ['message', 'title', 'closing'];
/** An instruction may carry a whole new message ("change the message to ..."), and a little more. */
const MAX_INSTRUCTION_CHARS = MAX_MESSAGE_CHARS + 1000;

/**
 * Refuses words longer than a letter takes before anything reads them: a message is pages, not
 * megabytes, and a title fits its card. Only text that changes is held to the limit.
 */
function checkLengths(request: LetterRequest, before: LetterSettings, after?: LetterSettings): void {
  if ((request.instruction?.length ?? 0) > MAX_INSTRUCTION_CHARS)
    throw new LetterError(
      'too_long',
      `The instruction is ${request.instruction?.length.toLocaleString('en')} characters; an instruction can be at most ${MAX_INSTRUCTION_CHARS.toLocaleString('en')} (a message of up to ${MAX_MESSAGE_CHARS.toLocaleString('en')} and a few words more). Shorten it, then try again; nothing was changed.`,
    );
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
  /** The instruction asked for something no rule understands, and no structured field was given. */
  misunderstood: boolean;
}

/**
 * The structured fields as edit operations (one code path for every edit), in the order they were
 * always applied. Music's mood comes before on/off so "mood X, music off" stays off.
 */
export function fieldOperations(request: LetterRequest, media: StoredMedia[]): EditOperation[] {
  const ops: EditOperation[] = [];
  if (request.message !== undefined) ops.push({ op: 'message', text: request.message });
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

/**
 * Pure: applies a generate_letter request to the settings and the undo history. "Undo" restores
 * the settings from before the last edit; any other request that changes something is
 * remembered so it can be undone.
 */
export function applyRequest(
  request: LetterRequest,
  settings: LetterSettings,
  media: StoredMedia[],
  history: HistoryEntry[] = [],
): RequestOutcome {
  const undoEdit = request.edits?.some((e) => e.op === 'undo');
  if ((request.instruction && asksToUndo(request.instruction)) || (undoEdit && request.edits?.length === 1)) {
    const last = history.at(-1);
    const change = last
      ? `Undid the last edit (${last.changes.join(' ')}).`
      : 'There is no earlier edit to undo; nothing changed.';
    return {
      settings: last?.settings ?? settings,
      history: history.slice(0, -1),
      changes: [change],
      misunderstood: false,
    };
  }
  checkLengths(request, settings);
  const fromText = request.instruction
    ? applyInstruction(request.instruction, settings, media)
    : { settings, changes: [] };
  // Fields say what the letter should be: one that already is so says nothing. An edit the
  // person asked for always answers, even "already so".
  const fields = fieldOperations(request, media);
  const applied = applyOperations(fromText.settings, media, [...fields, ...(request.edits ?? [])]);
  const said = applied.done.filter((d, i) => d.changed || i >= fields.length).map((d) => d.sentence);
  const changes = [...fromText.changes, ...said];
  checkLengths(request, settings, applied.settings);
  const changed = JSON.stringify(applied.settings) !== JSON.stringify(settings);
  const misunderstood = !!request.instruction?.trim() && changes.length === 0;
  return {
    settings: applied.settings,
    history: changed ? remember(history, settings, changes) : history,
    changes,
    misunderstood,
  };
}

export function whatICanDo(): string {
  return (
    `I did not recognise an edit in that instruction, so nothing changed. Edits I understand:\n${editHelp()}\n` +
    'Or fill the structured fields of generate_letter: message, title, closing, photo_order, music, voice, narration, captions, pace, length_seconds, style, text_position, aspect, clips.'
  );
}
