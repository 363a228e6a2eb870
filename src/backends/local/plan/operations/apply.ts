import { LetterError, isLetterError } from '../../../../core/errors.js';
import type { EditOperation } from '../../../../core/timeline/operations.js';
import type { LetterSettings, StoredMedia } from '../../project.js';
import type { OperationContext, OperationResult } from './context.js';
import * as curation from './curation.js';
import * as framing from './framing.js';
import * as look from './look.js';
import * as moments from './moments.js';
import * as sound from './sound.js';
import * as words from './words.js';

type Handler<K extends EditOperation['op']> = (
  op: Extract<EditOperation, { op: K }>,
  ctx: OperationContext,
) => OperationResult;

/** Every operation but undo (which needs the letter's history: see letter-request.ts) and what does it. */
const HANDLERS: { [K in Exclude<EditOperation['op'], 'undo'>]: Handler<K> } = {
  title: words.setTitle,
  closing: words.setClosing,
  message: words.setMessage,
  replace_line: words.replaceLine,
  add_line: words.addLine,
  remove_line: words.removeLine,
  pin_line: words.pinLine,
  caption: words.caption,
  captions_source: words.captionsSource,
  narration: words.narration,
  hold: moments.hold,
  order: moments.order,
  move: moments.move,
  swap: moments.swap,
  remove: moments.remove,
  restore: moments.restore,
  focus: framing.focus,
  rotate: moments.rotate,
  trim: moments.trim,
  clip_limit: moments.clipLimit,
  clip_sound: moments.clipSound,
  voice: sound.voice,
  voice_place: sound.voicePlace,
  voice_level: sound.voiceLevel,
  music: sound.music,
  music_mood: sound.musicMood,
  music_song: sound.musicSong,
  music_level: sound.musicLevel,
  text_look: look.textLook,
  transition: look.transition,
  fade: look.fade,
  theme: look.theme,
  aspect: look.aspect,
  pace: look.pace,
  length: look.length,
  style: look.style,
  text_position: look.textPosition,
  bring_back: curation.bringBack,
  curate: curation.curate,
  fit_length: curation.fitLength,
};

export interface OperationDone {
  op: EditOperation['op'];
  /** What was done, in a sentence. */
  sentence: string;
  /** False when the letter already was as asked. */
  changed: boolean;
}

export interface OperationsApplied {
  settings: LetterSettings;
  /** One entry per operation, in order. */
  done: OperationDone[];
}

/**
 * Pure: applies edit operations in order, each seeing the letter as the ones before it left it,
 * and atomically: if any one cannot be done, none is, and the LetterError names that operation
 * (its place in the list and its name) and why. Undo is not an operation on the letter's
 * settings (it restores an earlier one), so it is refused here; the caller handles it alone.
 */
export function applyOperations(
  settings: LetterSettings,
  media: StoredMedia[],
  ops: readonly EditOperation[],
): OperationsApplied {
  let current = settings;
  const done: OperationDone[] = [];
  ops.forEach((op, i) => {
    const where = ops.length > 1 ? `Edit ${i + 1} of ${ops.length} (${op.op})` : `The edit (${op.op})`;
    if (op.op === 'undo')
      throw new LetterError(
        'invalid_request',
        `${where} was not done, nor any other: undo goes alone, not with other edits.`,
      );
    try {
      const result = (HANDLERS[op.op] as Handler<typeof op.op>)(op, { settings: current, media });
      done.push({
        op: op.op,
        sentence: result.sentence,
        changed: JSON.stringify(result.settings) !== JSON.stringify(current),
      });
      current = result.settings;
    } catch (e) {
      if (!isLetterError(e)) throw e;
      const rest =
        ops.length > 1
          ? ' Nothing was changed: edits are applied all together or not at all.'
          : ' Nothing was changed.';
      throw new LetterError(e.code, `${where} could not be done: ${e.message}${rest}`);
    }
  });
  return { settings: current, done };
}
