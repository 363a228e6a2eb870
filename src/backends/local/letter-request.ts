import { LetterError } from '../../errors.js';
import type { LetterRequest } from '../backend.js';
import { applyInstruction, editHelp } from './plan/edits.js';
import type { LetterSettings, StoredMedia } from './project.js';

export interface RequestOutcome {
  settings: LetterSettings;
  changes: string[];
  /** The instruction asked for something no rule understands, and no structured field was given. */
  misunderstood: boolean;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Finds photos and clips by media id or file name (with or without extension, any case). */
export function resolvePhotos(names: string[], media: StoredMedia[]): string[] {
  const photos = media.filter((m) => m.kind === 'photo' || m.kind === 'video');
  return names.map((name) => {
    const key = name.trim().toLowerCase();
    const found = photos.find((p) => p.id === name || p.fileName.toLowerCase() === key || p.fileName.toLowerCase().replace(/\.[^.]+$/, '') === key);
    if (!found) {
      const known = photos.map((p) => `${p.fileName} (${p.id})`).join(', ') || 'none yet';
      throw new LetterError('invalid_request', `No photo or clip called "${name}" is in this letter. Photos and clips: ${known}.`);
    }
    return found.id;
  });
}

/**
 * Pure: applies a generate_letter request to the settings. Structured fields win over the
 * instruction because the agent filled them precisely.
 */
export function applyRequest(request: LetterRequest, settings: LetterSettings, media: StoredMedia[]): RequestOutcome {
  const fromText = request.instruction ? applyInstruction(request.instruction, settings, media) : { settings, changes: [] };
  let next = fromText.settings;
  const changes = [...fromText.changes];
  if (request.message !== undefined && request.message !== next.message) {
    next = { ...next, message: request.message.trim() };
    changes.push(next.message ? 'Message updated.' : 'Message removed.');
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
    next = { ...next, photoOrder: order };
    changes.push(`Photo order set: ${order.map((id) => media.find((m) => m.id === id)?.fileName ?? id).join(', ')}.`);
  }
  if (request.music) {
    const music = { ...next.music };
    if (request.music.enabled !== undefined) music.enabled = request.music.enabled;
    if (request.music.volume !== undefined) music.volume = Math.min(1, Math.max(0, request.music.volume));
    if (request.music.mood !== undefined) music.mood = request.music.mood.toLowerCase();
    if (JSON.stringify(music) !== JSON.stringify(next.music)) {
      next = { ...next, music };
      changes.push(music.enabled ? `Music: ${music.mood} at ${percent(music.volume)}.` : 'Background music turned off.');
    }
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
  const misunderstood = !!request.instruction?.trim() && fromText.changes.length === 0 && changes.length === 0;
  return { settings: next, changes, misunderstood };
}

export function whatICanDo(): string {
  return `I did not recognise an edit in that instruction, so nothing changed. Edits I understand:\n${editHelp()}\n` +
    'Or fill the structured fields of generate_letter: message, title, closing, photo_order, music, aspect, clips.';
}
