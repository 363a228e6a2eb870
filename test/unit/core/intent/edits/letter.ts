import { applyRequest } from '../../../../../src/backends/local/letter-request.js';
import { letterView } from '../../../../../src/backends/local/plan/letter-view.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { parseInstruction } from '../../../../../src/core/intent/edits/parse.js';
import { trackOf, type Timeline, type TrackRole } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

/** A letter as the held-out check makes it: three photos, a 4 s clip, a message and a voice recording. */
export const media: StoredMedia[] = [
  storedPhoto('p1', { fileName: 'beach.jpg' }),
  storedPhoto('p2', { fileName: 'garden.jpg' }),
  storedPhoto('p3', { fileName: 'cake.jpg' }),
  {
    id: 'c1',
    kind: 'video',
    fileName: 'party.mp4',
    format: 'mp4',
    sizeBytes: 1,
    width: 1920,
    height: 1080,
    durationSeconds: 4,
    hasSound: true,
    storedAs: 'c1.mp4',
    uploadedAt: '',
  },
  {
    id: 'v1',
    kind: 'audio',
    role: 'voice',
    fileName: 'voice-note.m4a',
    format: 'm4a',
    sizeBytes: 1,
    durationSeconds: 8,
    storedAs: 'v1.m4a',
    uploadedAt: '',
  },
];

export const letter = LetterSettings.parse({
  title: 'Dear Grandma',
  closing: 'With all my love,\nLena',
  message: 'Happy birthday! We miss you so much. See you soon, Grandma!',
});

export const wishesOf = (instruction: string, settings = letter) =>
  parseInstruction(instruction, letterView(settings, media));

/** The operations an instruction makes, every wish's in order (nothing for wishes that change nothing). */
export const operationsOf = (instruction: string, settings = letter) =>
  wishesOf(instruction, settings).flatMap((w) => (w.kind === 'edit' ? w.edits : []));

/** Applies an instruction as generate_letter does, and plans the letter. */
export function edited(instruction: string, settings = letter) {
  const outcome = applyRequest({ instruction }, settings, media);
  return { ...outcome, timeline: planLetter(outcome.settings, media), before: planLetter(settings, media) };
}

export const segments = (t: Timeline, role: TrackRole) => trackOf(t, role)?.segments ?? [];
export const shots = (t: Timeline) => segments(t, 'video').map((s) => s.label);
export const shotOf = (t: Timeline, id: string) => segments(t, 'video').find((s) => s.mediaId === id)!;
