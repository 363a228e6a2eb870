import type { EditOperation, MomentsRef } from '../../../../core/timeline/operations.js';
import type { LetterSettings, StoredMedia } from '../../project.js';
import { trackOf } from '../../../../core/timeline/model.js';
import { planLetter } from '../plan.js';
import {
  clamp,
  findMoment,
  playingMoments,
  refuse,
  round2,
  withMoment,
  type OperationContext,
  type OperationResult,
} from './context.js';

type Op<K extends EditOperation['op']> = Extract<EditOperation, { op: K }>;

const HOLD_STEP = 1.5;
const CLIP_SOUND_STEP = 0.25;

/** The letter with its moments in this order (ids), every playing moment listed. */
const inOrder = (settings: LetterSettings, ids: string[]): LetterSettings => ({ ...settings, photoOrder: ids });

const names = (ids: string[], media: StoredMedia[]) =>
  ids.map((id) => media.find((m) => m.id === id)?.fileName ?? id).join(', ');

/** The moments an operation addresses that play now: one, or every photo for "all". */
function addressed(ref: MomentsRef, ctx: OperationContext, kind?: 'photo' | 'video'): StoredMedia[] {
  if (ref !== 'all') return [findMoment(ref, ctx)];
  const all = playingMoments(ctx.settings, ctx.media).filter((m) => !kind || m.kind === kind);
  return all.length ? all : refuse(`This letter has no ${kind === 'video' ? 'clips' : 'photos'} to change.`);
}

/** How long each moment is on screen now, by media id. */
function shownSeconds(ctx: OperationContext): Map<string, number> {
  const shots = trackOf(planLetter(ctx.settings, ctx.media), 'video')?.segments ?? [];
  return new Map(shots.map((s) => [s.mediaId as string, s.end - s.start]));
}

export function hold(op: Op<'hold'>, ctx: OperationContext): OperationResult {
  const moments = addressed(op.moment, ctx, 'photo');
  const [first] = moments;
  if (op.moment !== 'all' && first?.kind === 'video')
    refuse(`${first.fileName} is a clip: it plays as long as its trimmed part (trim sets from where to where).`);
  const now = shownSeconds(ctx);
  let settings = ctx.settings;
  const lengths = moments.map((m) => {
    const current = now.get(m.id) ?? 0;
    const step = (op.by ?? HOLD_STEP) * (op.change === 'shorter' ? -1 : 1);
    const seconds = round2(clamp(op.to ?? current + step, 1.5, 60));
    settings = withMoment(settings, m.id, { seconds });
    return seconds;
  });
  const what = op.moment === 'all' ? 'Every photo' : (moments[0] as StoredMedia).fileName;
  const same = lengths.every((l) => l === lengths[0]);
  return {
    settings,
    sentence: `${what} stays on screen ${same ? `${lengths[0]} s` : `${op.change} (${lengths.join(', ')} s)`}.`,
  };
}

export function move(op: Op<'move'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  const ids = playingMoments(ctx.settings, ctx.media)
    .map((m) => m.id)
    .filter((id) => id !== moment.id);
  const anchor = op.before ?? op.after;
  let at: number;
  if (anchor) {
    const other = findMoment(anchor, ctx);
    const index = ids.indexOf(other.id);
    if (index < 0)
      refuse(`${other.fileName} is not in the letter now; restore it first, or move next to another moment.`);
    at = op.before ? index : index + 1;
  } else
    at = op.to === 'first' ? 0 : op.to === 'last' || op.to === undefined ? ids.length : Math.min(op.to - 1, ids.length);
  ids.splice(at, 0, moment.id);
  const removed = ctx.settings.removedPhotos.filter((id) => id !== moment.id);
  return {
    settings: { ...inOrder(ctx.settings, ids), removedPhotos: removed },
    sentence: `${moment.fileName} moved to position ${at + 1}: ${names(ids, ctx.media)}.`,
  };
}

export function order(op: Op<'order'>, ctx: OperationContext): OperationResult {
  const listed = [...new Set(op.moments.map((ref) => findMoment(ref, ctx).id))];
  const rest = playingMoments(ctx.settings, ctx.media)
    .map((m) => m.id)
    .filter((id) => !listed.includes(id));
  const ids = [...listed, ...rest];
  return {
    settings: {
      ...inOrder(ctx.settings, ids),
      removedPhotos: ctx.settings.removedPhotos.filter((id) => !listed.includes(id)),
    },
    sentence: `Photo order set: ${names(ids, ctx.media)}.`,
  };
}

export function swap(op: Op<'swap'>, ctx: OperationContext): OperationResult {
  const a = findMoment(op.a, ctx);
  const b = findMoment(op.b, ctx);
  if (a.id === b.id) refuse(`Both sides of the swap are ${a.fileName}; name two different moments.`);
  const ids = playingMoments(ctx.settings, ctx.media).map((m) => m.id);
  const [i, j] = [ids.indexOf(a.id), ids.indexOf(b.id)];
  if (i < 0 || j < 0) refuse(`${(i < 0 ? a : b).fileName} is not in the letter now; restore it first.`);
  [ids[i], ids[j]] = [b.id, a.id];
  return {
    settings: inOrder(ctx.settings, ids),
    sentence: `${a.fileName} and ${b.fileName} swapped places: ${names(ids, ctx.media)}.`,
  };
}

export function remove(op: Op<'remove'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  const playing = playingMoments(ctx.settings, ctx.media);
  if (!playing.some((m) => m.id === moment.id)) refuse(`${moment.fileName} is already left out of the letter.`);
  if (playing.length === 1)
    refuse(`${moment.fileName} is the letter's only photo or clip; a letter needs at least one.`);
  return {
    settings: { ...ctx.settings, removedPhotos: [...ctx.settings.removedPhotos, moment.id] },
    sentence: `${moment.fileName} left out of the letter (restore brings it back).`,
  };
}

export function restore(op: Op<'restore'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  if (!ctx.settings.removedPhotos.includes(moment.id)) refuse(`${moment.fileName} is already in the letter.`);
  const ids = [...playingMoments(ctx.settings, ctx.media).map((m) => m.id), moment.id];
  return {
    settings: {
      ...inOrder(ctx.settings, ids),
      removedPhotos: ctx.settings.removedPhotos.filter((id) => id !== moment.id),
    },
    sentence: `${moment.fileName} is back in the letter, at the end.`,
  };
}

export function rotate(op: Op<'rotate'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  const now = ctx.settings.moments[moment.id]?.rotation ?? 0;
  const rotation = (op.to ?? (((now + (op.turn ?? 0)) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  return {
    settings: withMoment(ctx.settings, moment.id, { rotation: rotation || undefined }),
    sentence: rotation
      ? `${moment.fileName} turned ${rotation}° clockwise from upright.`
      : `${moment.fileName} is upright as uploaded.`,
  };
}

export function trim(op: Op<'trim'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  if (moment.kind !== 'video')
    refuse(`${moment.fileName} is a photo; only clips can be trimmed (hold sets how long a photo stays).`);
  const length = moment.durationSeconds ?? Infinity;
  const own = ctx.settings.moments[moment.id];
  const from = op.from ?? own?.clipFrom ?? 0;
  const to = Math.min(op.to ?? own?.clipTo ?? length, length);
  if (from >= length) refuse(`${moment.fileName} is only ${round2(length)} s long; start the trim before its end.`);
  if (to - from < 0.5)
    refuse(`A trimmed clip plays at least half a second; ${moment.fileName} from ${from} s to ${to} s would not.`);
  return {
    settings: withMoment(ctx.settings, moment.id, {
      clipFrom: from > 0 ? round2(from) : undefined,
      clipTo: to < length ? round2(to) : undefined,
      seconds: undefined,
    }),
    sentence: `${moment.fileName} plays from ${round2(from)} s to ${round2(to)} s (${round2(to - from)} s).`,
  };
}

export function clipLimit(op: Op<'clip_limit'>, { settings }: OperationContext): OperationResult {
  return {
    settings: { ...settings, clips: { ...settings.clips, maxSeconds: op.seconds } },
    sentence: `Clips play at most ${op.seconds} s each.`,
  };
}

export function clipSound(op: Op<'clip_sound'>, ctx: OperationContext): OperationResult {
  const level = (now: number) =>
    round2(clamp(op.to ?? now + (op.by ?? CLIP_SOUND_STEP) * (op.change === 'softer' ? -1 : 1), 0, 2));
  const said = (v: number) => (v === 0 ? 'muted' : `at ${Math.round(v * 100)}% of as recorded`);
  if (op.moment === 'all') {
    const volume = level(ctx.settings.clips.volume);
    const moments = Object.fromEntries(
      Object.entries(ctx.settings.moments).map(([id, m]) => [id, { ...m, volume: undefined }]),
    );
    return {
      settings: { ...ctx.settings, clips: { ...ctx.settings.clips, volume }, moments },
      sentence: `Every clip's own sound ${said(volume)}.`,
    };
  }
  const moment = findMoment(op.moment, ctx);
  if (moment.kind !== 'video') refuse(`${moment.fileName} is a photo; only clips have their own sound.`);
  if (!moment.hasSound) refuse(`${moment.fileName} has no sound of its own to change.`);
  const volume = level(ctx.settings.moments[moment.id]?.volume ?? ctx.settings.clips.volume);
  return {
    settings: withMoment(ctx.settings, moment.id, { volume }),
    sentence: `${moment.fileName}'s own sound ${said(volume)}.`,
  };
}
