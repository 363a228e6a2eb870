import { LetterError } from '../../../../core/errors.js';
import type { LineRef, MomentRef } from '../../../../core/timeline/operations.js';
import type { LetterSettings, MomentSettings, StoredMedia } from '../../project.js';
import { musicUploads, voiceRecordings } from '../audio.js';
import { splitMessage } from '../pacing.js';
import { orderedShots } from '../shots.js';

/** What one operation sees: the letter as the operations before it left it, and the uploads. */
export interface OperationContext {
  settings: LetterSettings;
  media: StoredMedia[];
}

/** What one operation did: the letter after it, and a sentence saying so. */
export interface OperationResult {
  settings: LetterSettings;
  sentence: string;
}

/** An operation that cannot be done as asked: the sentence says why and what would work. */
export const refuse = (sentence: string): never => {
  throw new LetterError('invalid_request', sentence);
};

const pictures = (media: StoredMedia[]) => media.filter((m) => m.kind === 'photo' || m.kind === 'video');
const fileKey = (name: string) => name.trim().toLowerCase();
const withoutExtension = (name: string) => fileKey(name).replace(/\.[^.]+$/, '');

/** Finds an upload among `candidates` by id, file name (with or without extension) or 1-based position in `ordered`. */
function findUpload(ref: MomentRef, candidates: StoredMedia[], ordered: StoredMedia[], what: string): StoredMedia {
  let found: StoredMedia | undefined;
  if ('id' in ref) found = candidates.find((m) => m.id === ref.id);
  else if ('file' in ref)
    found =
      candidates.find((m) => fileKey(m.fileName) === fileKey(ref.file)) ??
      candidates.find((m) => withoutExtension(m.fileName) === withoutExtension(ref.file));
  else found = ref.position === 'last' ? ordered.at(-1) : ordered[ref.position - 1];
  if (found) return found;
  const said = 'id' in ref ? `id "${ref.id}"` : 'file' in ref ? `"${ref.file}"` : `position ${ref.position}`;
  const known = ordered.map((m, i) => `${i + 1}. ${m.fileName} (${m.id})`).join(', ') || 'none yet';
  return refuse(`No ${what} at ${said} is in this letter. ${what[0]?.toUpperCase()}${what.slice(1)}s: ${known}.`);
}

/** The photos and clips that play, in order (positions count these). */
export const playingMoments = (settings: LetterSettings, media: StoredMedia[]) =>
  orderedShots(settings, media).map((s) => s.media);

/** A photo or clip, playing or left out, as the person addressed it. */
export function findMoment(ref: MomentRef, { settings, media }: OperationContext): StoredMedia {
  return findUpload(ref, pictures(media), playingMoments(settings, media), 'photo or clip');
}

export function findRecording(ref: MomentRef, { media }: OperationContext): StoredMedia {
  const voices = voiceRecordings(media);
  return findUpload(ref, voices, voices, 'voice recording');
}

export function findSong(ref: MomentRef, { media }: OperationContext): StoredMedia {
  const songs = musicUploads(media);
  return findUpload(ref, songs, songs, 'song upload');
}

/** The message's lines, as the letter shows them. */
export const messageLines = (settings: LetterSettings) => splitMessage(settings.message);

/** The 0-based index of a line of the message, as the person addressed it. */
export function findLine(ref: LineRef, settings: LetterSettings): number {
  const lines = messageLines(settings);
  const index =
    typeof ref === 'number'
      ? ref - 1
      : ref === 'last'
        ? lines.length - 1
        : lines.findIndex((l) => l.toLowerCase().includes(ref.toLowerCase()));
  if (index >= 0 && index < lines.length) return index;
  const listed = lines.map((l, i) => `${i + 1}. "${l}"`).join(' ') || 'the message is empty';
  return refuse(
    `No line ${typeof ref === 'string' && ref !== 'last' ? `with "${ref}"` : ref} is in the message. Lines: ${listed}`,
  );
}

/** The letter with one moment's own settings changed (absent fields removed). */
export function withMoment(settings: LetterSettings, id: string, change: Partial<MomentSettings>): LetterSettings {
  const merged: Record<string, unknown> = { ...settings.moments[id], ...change };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return { ...settings, moments: { ...settings.moments, [id]: merged } };
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
export const round2 = (v: number) => Math.round(v * 100) / 100;
export const percent = (v: number) => `${Math.round(v * 100)}%`;
