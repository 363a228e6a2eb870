import type { EditOperation } from '../../../../core/timeline/operations.js';
import type { LetterSettings, StoredMedia } from '../../project.js';
import { bestPhotos } from '../curate.js';
import { planLetter } from '../plan.js';
import { leftOutPhotos, selectedPictures } from '../selection.js';
import { findMoment, playingMoments, refuse, type OperationContext, type OperationResult } from './context.js';

type Op<K extends EditOperation['op']> = Extract<EditOperation, { op: K }>;

/** File names in a sentence, the first few and how many more. */
function listed(photos: readonly { fileName: string }[], most = 8): string {
  const names = photos.slice(0, most).map((p) => p.fileName);
  return photos.length > most ? `${names.join(', ')} and ${photos.length - most} more` : names.join(', ');
}

const placeOf = (settings: LetterSettings, media: StoredMedia[], id: string) =>
  playingMoments(settings, media).findIndex((m) => m.id === id) + 1;

export function bringBack(op: Op<'bring_back'>, ctx: OperationContext): OperationResult {
  const photo = findMoment(op.moment, ctx);
  const { settings, media } = ctx;
  const out = leftOutPhotos(settings, media).find((p) => p.id === photo.id);
  const removed = settings.removedPhotos.includes(photo.id);
  if (!out && !removed) return refuse(`${photo.fileName} is already in the letter.`);
  const { curation } = settings;
  const next: LetterSettings = {
    ...settings,
    removedPhotos: settings.removedPhotos.filter((id) => id !== photo.id),
    curation: {
      ...curation,
      toFit: curation.toFit.filter((id) => id !== photo.id),
      broughtBack: out && out.reason !== 'length' ? [...curation.broughtBack, photo.id] : curation.broughtBack,
    },
  };
  return {
    settings: next,
    sentence: `${photo.fileName} is back in the letter, at position ${placeOf(next, media, photo.id)}.`,
  };
}

export function curate(op: Op<'curate'>, { settings, media }: OperationContext): OperationResult {
  if (op.on) {
    const next = { ...settings, curation: { ...settings.curation, setAside: true, broughtBack: [] } };
    const out = leftOutPhotos(next, media).filter((p) => p.reason !== 'length');
    return {
      settings: next,
      sentence: out.length
        ? `Duplicates and blurred shots are set aside again: ${out.map((p) => p.sentence).join('; ')}.`
        : 'Duplicates and blurred shots are set aside again; none of these photos is one.',
    };
  }
  const photoIds = new Set(media.filter((m) => m.kind === 'photo').map((m) => m.id));
  const next: LetterSettings = {
    ...settings,
    removedPhotos: settings.removedPhotos.filter((id) => !photoIds.has(id)),
    curation: { setAside: false, broughtBack: [], toFit: [] },
  };
  const back = media.filter((m) => photoIds.has(m.id) && !playingMoments(settings, media).includes(m));
  return {
    settings: next,
    sentence: `Every photo plays now (${photoIds.size})${back.length ? `; back in the letter: ${listed(back)}` : ''}.`,
  };
}

/**
 * Keeps the best photos that fit the length: as many as fit at the usual pace, in their order,
 * the message read in full. Without a length asked, the letter is as long as its pictures and
 * words need; the count is found by halving (a letter with fewer photos is never longer).
 */
export function fitLength(op: Op<'fit_length'>, ctx: OperationContext): OperationResult {
  const { media } = ctx;
  const open: LetterSettings = {
    ...ctx.settings,
    lengthSeconds: null,
    curation: { ...ctx.settings.curation, toFit: [] },
  };
  const candidates = selectedPictures(open, media).filter((m) => m.kind === 'photo');
  const withPhotos = (count: number): LetterSettings => {
    const kept = new Set(bestPhotos(candidates, count).map((p) => p.id));
    return {
      ...open,
      curation: { ...open.curation, toFit: candidates.filter((p) => !kept.has(p.id)).map((p) => p.id) },
    };
  };
  const lengthWith = (count: number) => planLetter(withPhotos(count), media).duration;
  const fewest = candidates.length ? 1 : 0;
  const shortest = lengthWith(fewest);
  if (shortest > op.seconds)
    return refuse(
      `The message alone needs about ${Math.ceil(shortest)} s to be read in full (with ${
        fewest ? 'one photo' : 'the clips'
      }), longer than ${op.within === 'under' ? 'the most' : 'the'} ${op.seconds} s asked. ` +
        `Ask for at least ${Math.ceil(shortest)} s, or shorten the message.`,
    );
  let [low, high] = [fewest, candidates.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (lengthWith(mid) <= op.seconds) low = mid;
    else high = mid - 1;
  }
  const settings = { ...withPhotos(low), lengthSeconds: op.within === 'about' ? op.seconds : null };
  const left = candidates.filter((p) => settings.curation.toFit.includes(p.id));
  const length = planLetter(settings, media).duration;
  const said = `${op.within === 'about' ? 'about' : 'under'} ${op.seconds} s (${Math.round(length)} s)`;
  return {
    settings,
    sentence: left.length
      ? `Letter fitted to ${said}: the best ${low} of ${candidates.length} photos play, in their order; left out: ${listed(left)}.`
      : `Letter fitted to ${said}: every photo plays.`,
  };
}
