import { z } from 'zod';
import { MomentRef } from './refs.js';

/**
 * Where a photo's framing looks, in a person's words: around the faces found in it (the usual
 * framing, which falls back to where the eye goes when there is no face), one side or the middle
 * of the picture (cropped there to fill the frame), or the whole picture (shown uncropped over a
 * blurred copy of itself).
 */
export const FocusPlace = z.enum(['faces', 'left', 'right', 'top', 'bottom', 'center', 'whole']);
export type FocusPlace = z.infer<typeof FocusPlace>;

/** A point of the upright picture, as fractions (0.5/0.5 = centre). */
export const FocusPoint = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });
export type FocusPoint = z.infer<typeof FocusPoint>;

/**
 * What a photo's framing keeps in view: a place ("focus on the left", "keep grandma in frame" =
 * faces, "show the whole picture" = whole), or a point (fractions of the picture, 0.5/0.5 =
 * centre) the crop and the slow zoom centre on. Clips are cropped the same way, but faces are
 * looked for in photos only.
 */
export const Focus = z
  .object({
    op: z.literal('focus'),
    /** The photo (or clip). */
    moment: MomentRef,
    /** Where to look: faces, left, right, top, bottom, center or whole. */
    on: FocusPlace.optional(),
    /** Or a point: across, 0 = left edge, 1 = right edge. */
    x: z.number().min(0).max(1).optional(),
    /** Down, 0 = top edge, 1 = bottom edge. */
    y: z.number().min(0).max(1).optional(),
  })
  .refine((o) => (o.on === undefined) !== (o.x === undefined && o.y === undefined), {
    message: 'Give either "on" (faces, left, right, top, bottom, center or whole) or a point "x" and "y", not both.',
  })
  .refine((o) => o.on !== undefined || (o.x !== undefined && o.y !== undefined), {
    message: 'A focus point needs both "x" (across) and "y" (down), each 0..1.',
  });

export const FRAMING_OPERATIONS = [Focus] as const;
