import type { EditOperationInput } from '../../../timeline/operations.js';
import type { Clause } from '../clause.js';
import {
  ambiguous,
  byId,
  edit,
  hasMod,
  hasObject,
  hasVerb,
  nameOf,
  reading,
  unclear,
  type Context,
  type Outcome,
  type Reader,
} from '../outcome.js';

type Focus = Extract<EditOperationInput, { op: 'focus' }>;
/** Where the framing looks: a place, or a corner as a point. */
type Where = Pick<Focus, 'on' | 'x' | 'y'>;

/** A photo letter shows at most this many readings to choose from when a wish names no photo. */
const MOST_READINGS = 6;

/** The side or middle a wish names, one place or a corner ("the top left" is a point). */
function placeOf(clause: Clause): Where | undefined {
  const across = hasMod(clause, 'side:left') ? 0 : hasMod(clause, 'side:right') ? 1 : undefined;
  const down = hasMod(clause, 'pos:top') ? 0 : hasMod(clause, 'pos:bottom') ? 1 : undefined;
  if (across !== undefined && down !== undefined) return { x: across, y: down };
  if (across !== undefined) return { on: across === 0 ? 'left' : 'right' };
  if (down !== undefined) return { on: down === 0 ? 'top' : 'bottom' };
  if (hasMod(clause, 'pos:center')) return { on: 'center' };
  return undefined;
}

/** What the wish asks the framing to keep in view, if it is about framing at all. */
function wanted(clause: Clause): Where | undefined {
  const photo = hasObject(clause, 'photo') || clause.moments.length > 0;
  if (hasMod(clause, 'uncropped') || (hasMod(clause, 'whole') && photo && hasVerb(clause, 'put', 'make')))
    return { on: 'whole' };
  // "keep grandma in frame", "make sure everyone is in the picture", "让奶奶留在画面里".
  if (hasObject(clause, 'in-frame') && hasVerb(clause, 'hold', 'make', 'put', 'focus')) return { on: 'faces' };
  // "centre the beach photo": the word alone, on a photo.
  if (hasMod(clause, 'pos:center') && clause.moments.length > 0 && clause.verbs.length === 0) return { on: 'center' };
  if (!hasVerb(clause, 'focus')) return undefined;
  return hasObject(clause, 'faces') ? { on: 'faces' } : placeOf(clause);
}

const said = (where: Where) =>
  where.on === 'whole'
    ? 'shown whole, uncropped'
    : where.on === 'faces'
      ? 'framed to keep every face whole'
      : where.on
        ? `framed on the ${where.on}`
        : `framed on the ${where.y === 0 ? 'top' : 'bottom'} ${where.x === 0 ? 'left' : 'right'}`;

/**
 * "focus on the left of the beach photo", "keep grandma in frame", "show the whole picture",
 * "frame the second photo on the top right", "把第二张照片的焦点放在左边", "第二张显示全图". A wish
 * that names no photo is done on the only photo, or offered for each photo to choose.
 */
export const readFocus: Reader = (clause, ctx) => {
  // Words in quotes are a caption or a card's, never a place to look.
  if (
    clause.quotes.length ||
    hasObject(clause, 'text', 'captions', 'line', 'message', 'title', 'closing', 'music', 'voice')
  )
    return undefined;
  const where = wanted(clause);
  if (!where) {
    return hasVerb(clause, 'focus')
      ? unclear(
          'Say where the framing should look: the faces, the left, right, top, bottom or center, or the whole picture.',
          ...photosOf(ctx)
            .slice(0, 1)
            .flatMap((id) => [
              reading(`keep every face in ${nameOf(ctx.view, id)} whole`, focusOn(id, { on: 'faces' })),
              reading(`show ${nameOf(ctx.view, id)} whole`, focusOn(id, { on: 'whole' })),
            ]),
        )
      : undefined;
  }
  const named = clause.moments.filter((m) => m.ids.length > 0);
  const clip = named.flatMap((m) => m.ids).find((id) => ctx.view.moments.find((v) => v.id === id)?.kind === 'clip');
  // "the whole clip" plays a clip in full (readClips); a clip's faces are not looked for.
  if (clip && (where.on === 'whole' || where.on === 'faces')) return undefined;
  const every = clause.each || clause.moments.some((m) => m.all);
  if (every) {
    const photos = photosOf(ctx);
    return edit(`Every photo ${said(where)}`, ...photos.map((id) => focusOn(id, where)));
  }
  const several = named.find((m) => m.ids.length > 1);
  if (several)
    return ambiguous(...several.ids.map((id) => reading(`${nameOf(ctx.view, id)} ${said(where)}`, focusOn(id, where))));
  const ids = named.flatMap((m) => m.ids);
  if (ids.length)
    return edit(
      ids.map((id) => `${nameOf(ctx.view, id)} ${said(where)}`).join('; '),
      ...ids.map((id) => focusOn(id, where)),
    );
  return whichPhoto(ctx, where);
};

const photosOf = (ctx: Context) => ctx.view.moments.filter((m) => m.kind === 'photo').map((m) => m.id);
const focusOn = (id: string, where: Where): Focus => ({ op: 'focus', moment: byId(id), ...where });

/** No photo named: the only one, or each photo offered (a few), or a question. */
function whichPhoto(ctx: Context, where: Where): Outcome {
  const photos = photosOf(ctx);
  if (photos.length === 1) return edit(`${nameOf(ctx.view, photos[0]!)} ${said(where)}`, focusOn(photos[0]!, where));
  if (photos.length === 0) return unclear('This letter has no photos to frame.');
  if (photos.length > MOST_READINGS)
    return unclear(`Say which photo, e.g. "the second photo" or its file name: there are ${photos.length}.`);
  return ambiguous(...photos.map((id) => reading(`${nameOf(ctx.view, id)} ${said(where)}`, focusOn(id, where))));
}
