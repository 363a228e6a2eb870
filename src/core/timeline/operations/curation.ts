import { z } from 'zod';
import { MomentRef } from './refs.js';

/**
 * Which photos of a big folder play. Duplicates, near-duplicates and blurred shots are set aside
 * as they are uploaded (the better of two alike is kept); these bring them back, or pick the best
 * photos for a length.
 */

/**
 * Brings back a photo that does not play: set aside as a duplicate or blurred, left out to fit a
 * length, or removed. It plays in its place in the folder's order.
 */
export const BringBack = z.object({
  op: z.literal('bring_back'),
  /** The photo, by id or file name as get_state lists it (in `set_aside` or `media`). */
  moment: MomentRef,
});

/**
 * Setting aside of duplicates and blurred shots: off plays every photo uploaded ("use all the
 * photos": also those left out to fit a length or removed); on sets them aside again.
 */
export const Curate = z.object({
  op: z.literal('curate'),
  /** true sets aside duplicates and blurred shots, false plays every photo. */
  on: z.boolean(),
});

/**
 * Fits the letter to a length by picking the best photos (a face, then the sharper), keeping their
 * order and every message line's reading time: `about` the length, or `under` it. When the
 * message alone needs longer, nothing is changed and the reply says so.
 */
export const FitLength = z.object({
  op: z.literal('fit_length'),
  /** Seconds, 6..600. */
  seconds: z.number().min(6).max(600),
  /** about: close to the length (the photos share it); under: no longer than it. */
  within: z.enum(['about', 'under']).default('about'),
});

export const CURATION_OPERATIONS = [BringBack, Curate, FitLength] as const;
