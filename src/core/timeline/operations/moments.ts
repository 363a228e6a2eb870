import { z } from 'zod';
import { MomentRef, MomentsRef, oneOfToOrChange } from './refs.js';

/**
 * How long a moment stays on screen, in seconds: set (`to`) or a bit longer/shorter (`by`
 * seconds, default 1.5). A clip is held on its last frame when made longer than it plays.
 */
export const Hold = z
  .object({
    op: z.literal('hold'),
    /** The photo or clip, or "all" for every moment. */
    moment: MomentsRef,
    /** Seconds on screen, 1.5..60. */
    to: z.number().min(1.5).max(60).optional(),
    /** Longer or shorter than now. */
    change: z.enum(['longer', 'shorter']).optional(),
    /** How many seconds longer or shorter; default 1.5. */
    by: z.number().positive().max(30).optional(),
  })
  .refine(...oneOfToOrChange);

/** Moves a moment to a new place; the others keep their order around it. */
export const Move = z
  .object({
    op: z.literal('move'),
    /** The photo or clip to move. */
    moment: MomentRef,
    /** The 1-based place it takes, "first" or "last". */
    to: z.union([z.number().int().min(1), z.literal('first'), z.literal('last')]).optional(),
    /** Or: just before this moment. */
    before: MomentRef.optional(),
    /** Or: just after this moment. */
    after: MomentRef.optional(),
  })
  .refine((o) => [o.to, o.before, o.after].filter((x) => x !== undefined).length === 1, {
    message: 'Say where to move it with exactly one of "to", "before" or "after".',
  });

/**
 * Puts moments in this order at the start of the letter; the ones not listed follow in their
 * present order. Listing a moment that was left out brings it back.
 */
export const Order = z.object({
  op: z.literal('order'),
  /** The moments, first to last. */
  moments: z.array(MomentRef).min(1),
});

/** Two moments change places. */
export const Swap = z.object({
  op: z.literal('swap'),
  /** One moment. */
  a: MomentRef,
  /** The other. */
  b: MomentRef,
});

/** Leaves a photo or clip out of the letter (kept in the project; `restore` brings it back). */
export const Remove = z.object({
  op: z.literal('remove'),
  /** The photo or clip to leave out. */
  moment: MomentRef,
});

/** Brings back a photo or clip that was left out, at the end (or where a later `move` puts it). */
export const Restore = z.object({
  op: z.literal('restore'),
  /** The removed photo or clip, by id or file name. */
  moment: MomentRef,
});

/** Turns a photo or clip: by a quarter turn or more (`turn`, clockwise), or upright again (`to: 0`). */
export const Rotate = z
  .object({
    op: z.literal('rotate'),
    /** The photo or clip. */
    moment: MomentRef,
    /** Clockwise turn from how it is now: 90, 180, 270 (or -90 = a quarter turn anticlockwise). */
    turn: z.union([z.literal(90), z.literal(180), z.literal(270), z.literal(-90)]).optional(),
    /** Or the rotation outright, clockwise from how it was uploaded: 0, 90, 180 or 270. */
    to: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
  })
  .refine((o) => (o.turn === undefined) !== (o.to === undefined), {
    message: 'Give either "turn" (relative) or "to" (outright), not both.',
  });

/**
 * Which part of a clip plays, in seconds of the clip's own time: from `from` (default 0) to `to`
 * (default its end). "Only the first two seconds" is from 0 to 2.
 */
export const Trim = z
  .object({
    op: z.literal('trim'),
    /** The clip. */
    moment: MomentRef,
    /** Where it starts playing, seconds into the clip. */
    from: z.number().min(0).optional(),
    /** Where it stops, seconds into the clip. */
    to: z.number().positive().optional(),
  })
  .refine((o) => o.from !== undefined || o.to !== undefined, { message: 'Give "from", "to" or both.' })
  .refine((o) => o.from === undefined || o.to === undefined || o.to - o.from >= 0.5, {
    message: 'A trimmed clip plays at least half a second: "to" must be at least 0.5 s after "from".',
  });

/** The longest any clip plays, in seconds (clips longer than this play their first this-many seconds). */
export const ClipLimit = z.object({
  op: z.literal('clip_limit'),
  /** Seconds, up to 600. */
  seconds: z.number().positive().max(600),
});

/**
 * A clip's own sound: set (`to`, 0..2, 1 = as recorded, 0 = muted) or louder/softer (`by`, default
 * 0.25), for one clip or all.
 */
export const ClipSound = z
  .object({
    op: z.literal('clip_sound'),
    /** The clip, or "all" for every clip. */
    moment: MomentsRef,
    /** Level 0..2: 1 = as recorded, 0 = muted. */
    to: z.number().min(0).max(2).optional(),
    /** Louder or softer than now. */
    change: z.enum(['louder', 'softer']).optional(),
    /** How much, in level units; default 0.25. */
    by: z.number().positive().max(2).optional(),
  })
  .refine(...oneOfToOrChange);

export const MOMENT_OPERATIONS = [
  Hold,
  Order,
  Move,
  Swap,
  Remove,
  Restore,
  Rotate,
  Trim,
  ClipLimit,
  ClipSound,
] as const;
