import { z } from 'zod';

/**
 * A moment of the letter (one photo or clip), addressed as `get_state` shows it: by its id, by its
 * file name (with or without the extension, any case), or by its 1-based position in the letter as
 * it plays now ("last" = the final one). Positions count only the moments that play; a moment
 * that was removed is addressed by id or file name.
 */
export const MomentRef = z.union([
  z.object({ id: z.string().min(1).describe('The moment id from get_state, e.g. "m_3f2a".') }).strict(),
  z.object({ file: z.string().min(1).describe('The file name, e.g. "beach.jpg" or "beach".') }).strict(),
  z
    .object({
      position: z
        .union([z.number().int().min(1), z.literal('last')])
        .describe('1-based place in the letter as it plays now, or "last".'),
    })
    .strict(),
]);
export type MomentRef = z.infer<typeof MomentRef>;

/** A moment, or every moment of the letter at once ("make each photo stay longer"). */
export const MomentsRef = z.union([MomentRef, z.literal('all')]);
export type MomentsRef = z.infer<typeof MomentsRef>;

/**
 * An uploaded audio file (a voice recording or a song), by id, file name or 1-based position
 * among the uploads of that kind, as get_state lists them.
 */
export const RecordingRef = MomentRef;
export type RecordingRef = z.infer<typeof RecordingRef>;

/**
 * A line of the message: its 1-based number as get_state lists the lines, "last", or some of its
 * words (the line that contains them, any case).
 */
export const LineRef = z.union([z.number().int().min(1), z.literal('last'), z.string().min(1)]);
export type LineRef = z.infer<typeof LineRef>;

/**
 * Adjustable values are set outright (`to`) or changed from whatever they are now (`change`, with
 * an optional `by`), so whoever writes an operation never needs to know the current value. Every
 * adjustable operation takes exactly one of `to` and `change`.
 */
export const oneOfToOrChange = [
  (o: { to?: unknown; change?: unknown }) => (o.to === undefined) !== (o.change === undefined),
  { message: 'Give either "to" (a value) or "change" (a direction), not both and not neither.' },
] as const;
