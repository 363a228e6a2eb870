import { z } from 'zod';
import { Aspect, FontName, LookStyle, TextPosition } from '../model.js';
import { MomentsRef, oneOfToOrChange } from './refs.js';

/** The occasions a theme dresses the letter for. */
export const Theme = z.enum(['birthday', 'anniversary', 'memorial', 'thank-you', 'holiday', 'just-because']);
export type Theme = z.infer<typeof Theme>;

/** Colour words people use, and what they draw. A colour is one of these or "#rrggbb". */
export const COLOUR_WORDS = {
  white: '#ffffff',
  cream: '#fffaf0',
  ivory: '#fff8e7',
  black: '#111111',
  grey: '#9a9a9a',
  gray: '#9a9a9a',
  silver: '#c8c8c8',
  gold: '#f2c14e',
  yellow: '#ffe14d',
  orange: '#ff9f43',
  red: '#e84a4a',
  pink: '#ff8fb1',
  rose: '#f4a6b8',
  purple: '#a77bd6',
  lavender: '#c9b6ee',
  blue: '#5aa9ff',
  navy: '#1f3a68',
  teal: '#2bb3a3',
  green: '#5cc46a',
  mint: '#a8e6cf',
  brown: '#8b5e3c',
} as const;
export const Colour = z.union([
  z.enum(Object.keys(COLOUR_WORDS) as [keyof typeof COLOUR_WORDS, ...(keyof typeof COLOUR_WORDS)[]]),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is a colour word or "#rrggbb"'),
]);
export type Colour = z.infer<typeof Colour>;

/** A text size: outright (1 = the usual size, 0.6..2.5) or bigger/smaller (`by`, default 0.25). */
export const TextSize = z
  .object({
    to: z.number().min(0.6).max(2.5).optional(),
    change: z.enum(['bigger', 'smaller']).optional(),
    by: z.number().positive().max(1.5).optional(),
  })
  .refine(...oneOfToOrChange);

/**
 * How words look: the title card, the closing card, the on-screen lines (message and per-moment
 * captions), or all of them. Only the fields given change.
 */
export const TextLook = z.object({
  op: z.literal('text_look'),
  /** Which words. */
  target: z.enum(['title', 'closing', 'captions', 'all']),
  /** Size, outright or relative. */
  size: TextSize.optional(),
  /** One of the shipped faces. */
  font: FontName.optional(),
  /** The words' colour. */
  colour: Colour.optional(),
  /** What keeps them readable over any picture: a dark outline, a band behind them, or a soft shadow only. */
  backing: z.enum(['outline', 'band', 'shadow']).optional(),
});

/**
 * The change between moments: a crossfade (default) or a cut, for every moment or into one. A
 * crossfade between short moments gets shorter, never longer than a third of either.
 */
export const Transition = z.object({
  op: z.literal('transition'),
  /** crossfade or cut. */
  style: z.enum(['crossfade', 'cut']),
  /** "all" (default), or the moment the transition leads into. */
  moment: MomentsRef.default('all'),
  /** Crossfade length in seconds, 0.2..3; default 1. */
  seconds: z.number().min(0.2).max(3).optional(),
});

/** Fades from black at the start and/or to black at the end (picture and sound together). */
export const Fade = z.object({
  op: z.literal('fade'),
  /** Which end: start, end or both. */
  at: z.enum(['start', 'end', 'both']),
  /** true fades, false starts/ends without a fade. */
  on: z.boolean().default(true),
  /** Fade length in seconds, 0.3..4; default 1.5. */
  seconds: z.number().min(0.3).max(4).optional(),
});

/**
 * Dresses the letter for an occasion in one word: card and caption looks, colours, music mood and
 * pace. Each remains changeable on its own afterwards; "none" takes the theme off.
 */
export const SetTheme = z.object({
  op: z.literal('theme'),
  /** birthday, anniversary, memorial, thank-you, holiday, just-because, or none. */
  theme: z.union([Theme, z.literal('none')]),
});

/** The frame's shape. */
export const SetAspect = z.object({
  op: z.literal('aspect'),
  /** 16:9 landscape, 9:16 vertical, 1:1 square. */
  aspect: Aspect,
});

/**
 * Reading pace: how long each line and photo stays: outright (`to`: 1 = about 180 words a minute,
 * 1.25 = a quarter longer on screen, 0.5..2) or slower/faster (`by`, default 0.2).
 */
export const Pace = z
  .object({
    op: z.literal('pace'),
    to: z.number().min(0.5).max(2).optional(),
    change: z.enum(['slower', 'faster']).optional(),
    by: z.number().positive().max(1).optional(),
  })
  .refine(...oneOfToOrChange);

/**
 * Total length: outright (`to` seconds, 6..600; null lets the text and voice decide) or
 * longer/shorter (`by` seconds, default 5). Never shorter than the words and voice need.
 */
export const Length = z
  .object({
    op: z.literal('length'),
    to: z.number().min(6).max(600).nullable().optional(),
    change: z.enum(['longer', 'shorter']).optional(),
    by: z.number().positive().max(300).optional(),
  })
  .refine(...oneOfToOrChange);

/** The colour look of the whole picture. */
export const Style = z.object({
  op: z.literal('style'),
  /** natural, warm, black-and-white or vintage. */
  style: LookStyle,
});

/** Where the on-screen lines sit. */
export const SetTextPosition = z.object({
  op: z.literal('text_position'),
  /** bottom, center or top. */
  position: TextPosition,
});

export const LOOK_OPERATIONS = [
  TextLook,
  Transition,
  Fade,
  SetTheme,
  SetAspect,
  Pace,
  Length,
  Style,
  SetTextPosition,
] as const;
