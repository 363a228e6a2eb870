import type { LetterSettings, StoredMedia } from '../project.js';
import { setAsidePhotos, type SetAsideReason } from './curate.js';

/**
 * Which photos and clips play, pure: those the person did not remove, in the order asked (the rest
 * in upload order), less what curation leaves out: duplicates, near-duplicates and blurred shots
 * (while curation is on and the person has not brought them back), and the photos left out to fit
 * a length the person asked for.
 */

/** Why a photo does not play though the person never removed it. */
export type LeftOutReason = SetAsideReason | 'length';

export interface LeftOutPhoto {
  id: string;
  fileName: string;
  reason: LeftOutReason;
  /** "beach-2.jpg looks the same as beach.jpg (kept, the better)". */
  sentence: string;
}

/** Photos and clips not removed by the person, in the order asked, the rest in upload order. */
export function pictureOrder(settings: LetterSettings, media: StoredMedia[]): StoredMedia[] {
  const pictures = media.filter(
    (m) => (m.kind === 'photo' || m.kind === 'video') && !settings.removedPhotos.includes(m.id),
  );
  const chosen = settings.photoOrder
    .map((id) => pictures.find((p) => p.id === id))
    .filter((p): p is StoredMedia => !!p);
  return [...chosen, ...pictures.filter((p) => !chosen.includes(p))];
}

/** The photos curation leaves out of the letter, in the letter's order, each with its reason in a sentence. */
export function leftOutPhotos(settings: LetterSettings, media: StoredMedia[]): LeftOutPhoto[] {
  const ordered = pictureOrder(settings, media).filter((m) => m.kind === 'photo');
  const { setAside, broughtBack, toFit } = settings.curation;
  const curated = setAside
    ? setAsidePhotos(ordered)
        .setAside.filter((p) => !broughtBack.includes(p.id))
        .map(({ id, fileName, reason, sentence }) => ({ id, fileName, reason, sentence }))
    : [];
  const fitted = ordered
    .filter((m) => toFit.includes(m.id) && !curated.some((c) => c.id === m.id))
    .map((m) => ({
      id: m.id,
      fileName: m.fileName,
      reason: 'length' as const,
      sentence: `${m.fileName} was left out to fit the length asked for`,
    }));
  const order = new Map(ordered.map((m, i) => [m.id, i]));
  return [...curated, ...fitted].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** The photos and clips that play, in order. */
export function selectedPictures(settings: LetterSettings, media: StoredMedia[]): StoredMedia[] {
  const out = new Set(leftOutPhotos(settings, media).map((p) => p.id));
  return pictureOrder(settings, media).filter((m) => !out.has(m.id));
}

/** What a person is told of photos newly left out: which, why, and how to have them back. */
export function leftOutNote(photos: readonly LeftOutPhoto[]): string | undefined {
  if (photos.length === 0) return undefined;
  const curated = photos.filter((p) => p.reason !== 'length');
  const fitted = photos.filter((p) => p.reason === 'length');
  return [
    curated.length ? `Set aside, not playing: ${curated.map((p) => p.sentence).join('; ')}.` : '',
    fitted.length ? `Left out to fit the length: ${fitted.map((p) => p.fileName).join(', ')}.` : '',
    `Bring one back by name ("bring back ${photos[0]!.fileName}"), or say "use all the photos".`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The photos left out in `after` that were not in `before`. */
export const newlyLeftOut = (before: readonly LeftOutPhoto[], after: readonly LeftOutPhoto[]) =>
  after.filter((p) => !before.some((b) => b.id === p.id));
