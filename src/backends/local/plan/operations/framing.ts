import type { EditOperation } from '../../../../core/timeline/operations.js';
import type { StoredMedia } from '../../project.js';
import type { MomentSettings } from '../../project.js';
import { framePhoto } from '../framing.js';
import { findMoment, refuse, round2, withMoment, type OperationContext, type OperationResult } from './context.js';

type Op<K extends EditOperation['op']> = Extract<EditOperation, { op: K }>;

/** What the framing will be, in words, for the sentence: the planner's own words for a photo. */
function framedAs(moment: StoredMedia, own: MomentSettings, ctx: OperationContext): string {
  if (moment.kind !== 'photo') return own.focus === 'whole' ? 'shown whole over a blurred copy' : 'cropped there';
  const framed = framePhoto(
    {
      ...(moment.width && { width: moment.width }),
      ...(moment.height && { height: moment.height }),
      ...(own.rotation && { rotation: own.rotation }),
      ...(moment.picture && { picture: moment.picture }),
      ...(own.focus && { focus: own.focus }),
    },
    ctx.settings.aspect,
  );
  return `now ${framed.words.replace(' (asked)', '')} in the ${ctx.settings.aspect} letter`;
}

/**
 * Where a photo's framing looks. "faces" is the usual framing (around every face found, kept
 * whole), so it clears a place asked before; asked of a photo with no face found (or of a clip,
 * whose faces are not looked for) it is refused, saying what can be asked instead.
 */
export function focus(op: Op<'focus'>, ctx: OperationContext): OperationResult {
  const moment = findMoment(op.moment, ctx);
  const instead = 'ask for the left, right, top, bottom or center of it, or the whole picture';
  if (op.on === 'faces' && moment.kind !== 'photo')
    refuse(`Faces are looked for in photos only; for the clip ${moment.fileName}, ${instead}.`);
  if (op.on === 'faces' && !moment.picture?.faces.length)
    refuse(`No face was found in ${moment.fileName}, so none can be kept in frame by its face; ${instead}.`);
  const asked = op.on === 'faces' ? undefined : (op.on ?? { x: round2(op.x as number), y: round2(op.y as number) });
  const settings = withMoment(ctx.settings, moment.id, { focus: asked });
  const own = settings.moments[moment.id] ?? {};
  const where =
    op.on === 'faces'
      ? `keeps every face found whole (${moment.picture?.faces.length})`
      : op.on === 'whole'
        ? 'shows the whole picture'
        : op.on
          ? `looks at the ${op.on}`
          : `centres on ${Math.round((asked as { x: number }).x * 100)}% across, ${Math.round((asked as { y: number }).y * 100)}% down`;
  return { settings, sentence: `${moment.fileName} ${where}: ${framedAs(moment, own, ctx)}.` };
}
