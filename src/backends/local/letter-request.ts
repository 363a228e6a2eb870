import { LetterError } from '../../errors.js';
import type { LetterRequest } from '../backend.js';
import { parseInstruction, type WishResult } from '../../intent/edits/parse.js';
import { wishesReply } from '../../intent/edits/reply.js';
import { EditOperation } from '../../timeline/operations.js';
import { captionsFrom } from './plan/captions-source.js';
import { remember } from './plan/history.js';
import { letterView } from './plan/letter-view.js';
import { applyOperations } from './plan/operations/apply.js';
import { withMessage } from './plan/salutation.js';
import type { HistoryEntry, LetterSettings, StoredMedia } from './project.js';

export interface RequestOutcome {
  settings: LetterSettings;
  /** Undo history after this request: one entry more after an edit, one fewer after an undo. */
  history: HistoryEntry[];
  changes: string[];
  /** What to tell the person: per wish of the instruction what was done or why not, then the fields' changes. */
  reply: string;
}

export const NARRATION_ON =
  'The message will be read aloud by a synthesized voice, each line while its caption is on screen; the letter lengthens to fit, and the music dips under it.';
export const NARRATION_OFF = 'The message is no longer read aloud; a voice recording, if there is one, plays again.';

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Finds photos and clips by media id or file name (with or without extension, any case). */
export function resolvePhotos(names: string[], media: StoredMedia[]): string[] {
  const photos = media.filter((m) => m.kind === 'photo' || m.kind === 'video');
  return names.map((name) => {
    const key = name.trim().toLowerCase();
    const found = photos.find(
      (p) =>
        p.id === name || p.fileName.toLowerCase() === key || p.fileName.toLowerCase().replace(/\.[^.]+$/, '') === key,
    );
    if (!found) {
      const known = photos.map((p) => `${p.fileName} (${p.id})`).join(', ') || 'none yet';
      throw new LetterError(
        'invalid_request',
        `No photo or clip called "${name}" is in this letter. Photos and clips: ${known}.`,
      );
    }
    return found.id;
  });
}

/** Structured fields, applied after the instruction because the agent filled them precisely. */
function applyFields(
  request: LetterRequest,
  settings: LetterSettings,
  media: StoredMedia[],
): { settings: LetterSettings; changes: string[] } {
  let next = settings;
  const changes: string[] = [];
  if (request.message !== undefined && request.message !== next.message) {
    const framed = withMessage(next, request.message, request);
    next = framed.letter;
    changes.push(next.message ? 'Message updated.' : 'Message removed.', ...(framed.note ? [framed.note] : []));
  }
  if (request.title !== undefined && request.title !== next.title) {
    next = { ...next, title: request.title.trim() };
    changes.push(next.title ? `Title set to "${next.title}".` : 'Title removed.');
  }
  if (request.closing !== undefined && request.closing !== next.closing) {
    next = { ...next, closing: request.closing.trim() };
    changes.push(next.closing ? `Closing card set to "${next.closing}".` : 'Closing card removed.');
  }
  if (request.photoOrder?.length) {
    const order = resolvePhotos(request.photoOrder, media);
    // Listing a photo brings it back if it had been removed.
    next = { ...next, photoOrder: order, removedPhotos: next.removedPhotos.filter((id) => !order.includes(id)) };
    changes.push(`Photo order set: ${order.map((id) => media.find((m) => m.id === id)?.fileName ?? id).join(', ')}.`);
  }
  if (request.music) {
    const music = { ...next.music };
    if (request.music.enabled !== undefined) music.enabled = request.music.enabled;
    if (request.music.volume !== undefined) music.volume = Math.min(1, Math.max(0, request.music.volume));
    if (request.music.mood !== undefined) {
      music.mood = request.music.mood;
      music.mediaId = null;
    }
    if (JSON.stringify(music) !== JSON.stringify(next.music)) {
      next = { ...next, music };
      changes.push(
        music.enabled
          ? `Music: ${music.mediaId === null ? `built-in ${music.mood}` : 'on'} at ${percent(music.volume)}.`
          : 'Background music turned off.',
      );
    }
  }
  if (request.voice !== undefined && request.voice !== next.voice.enabled) {
    next = { ...next, voice: { ...next.voice, enabled: request.voice } };
    changes.push(request.voice ? 'Voice recording on.' : 'Voice recording left out.');
  }
  if (request.narration !== undefined && request.narration !== next.narration) {
    next = { ...next, narration: request.narration };
    changes.push(request.narration ? NARRATION_ON : NARRATION_OFF);
  }
  if (request.captions !== undefined && request.captions !== next.captions) {
    const chosen = captionsFrom(request.captions, next, media);
    next = chosen.settings;
    changes.push(chosen.change);
  }
  if (request.pace !== undefined && request.pace !== next.pace) {
    next = { ...next, pace: request.pace };
    changes.push(`Pace set to ${Math.round(request.pace * 100)}% of the reading time.`);
  }
  if (request.lengthSeconds !== undefined && request.lengthSeconds !== next.lengthSeconds) {
    next = { ...next, lengthSeconds: request.lengthSeconds };
    changes.push(
      request.lengthSeconds === null
        ? 'Length follows the text and voice again.'
        : `Letter length set to about ${request.lengthSeconds} s.`,
    );
  }
  if (request.style && request.style !== next.style) {
    next = { ...next, style: request.style };
    changes.push(`Look set to ${request.style}.`);
  }
  if (request.textPosition && request.textPosition !== next.textPosition) {
    next = { ...next, textPosition: request.textPosition };
    changes.push(`Message text moved to the ${request.textPosition} of the frame.`);
  }
  if (request.aspect && request.aspect !== next.aspect) {
    next = { ...next, aspect: request.aspect };
    changes.push(`Aspect set to ${request.aspect}.`);
  }
  if (request.clips) {
    const clips = { ...next.clips, ...request.clips };
    if (JSON.stringify(clips) !== JSON.stringify(next.clips)) {
      next = { ...next, clips };
      changes.push(`Clips: up to ${clips.maxSeconds} s each, their own sound at ${percent(clips.volume)}.`);
    }
  }
  return { settings: next, changes };
}

const isUndo = (w: WishResult) => w.kind === 'edit' && w.edits.some((e) => e.op === 'undo');

/** Restores the settings from before the last edit; other wishes sent with it are not done, and the reply says so. */
function undo(wishes: WishResult[], settings: LetterSettings, history: HistoryEntry[]): RequestOutcome {
  const last = history.at(-1);
  const change = last
    ? `Undid the last edit (${last.changes.join(' ')}).`
    : 'There is no earlier edit to undo; nothing changed.';
  const others = wishes.filter((w) => !isUndo(w) && w.kind !== 'remark').map((w) => `"${w.wish}"`);
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
 * is read into wishes (src/intent/edits) whose operations are applied together, all or none; then
 * the structured fields, which the agent filled precisely. "Undo" restores the settings from
 * before the last edit; any other request that changes something is remembered so it can be undone.
 */
export function applyRequest(
  request: LetterRequest,
  settings: LetterSettings,
  media: StoredMedia[],
  history: HistoryEntry[] = [],
): RequestOutcome {
  const wishes = request.instruction?.trim() ? parseInstruction(request.instruction, letterView(settings, media)) : [];
  if (wishes.some(isUndo)) return undo(wishes, settings, history);
  const refused = wishes.flatMap((w) => (w.kind === 'refused' ? [w.why] : []));
  const wanted = wishes.flatMap((w) => (w.kind === 'edit' ? [w.edits] : []));
  const fieldsGiven = Object.keys(request).some((k) => k !== 'instruction');
  if (refused.length && wanted.length === 0 && !fieldsGiven)
    throw new LetterError('invalid_request', refused.join(' '));
  const applied = applyOperations(
    settings,
    media,
    wanted.flat().map((op) => EditOperation.parse(op)),
  );
  // Each edit wish's sentences, for a reply that says per wish what was done.
  let at = 0;
  const done = wanted.map((ops) => applied.done.slice(at, (at += ops.length)).map((d) => d.sentence));
  const fields = applyFields(request, applied.settings, media);
  const changes = [...applied.done.map((d) => d.sentence), ...fields.changes];
  const changed = JSON.stringify(fields.settings) !== JSON.stringify(settings);
  const reply = [wishesReply(wishes, done), ...fields.changes].filter(Boolean).join('\n');
  return {
    settings: fields.settings,
    history: changed ? remember(history, settings, changes) : history,
    changes,
    reply,
  };
}
