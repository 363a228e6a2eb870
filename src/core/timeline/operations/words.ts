import { z } from 'zod';
import { LineRef, MomentRef } from './refs.js';

/** The title card at the start. An empty text removes it. */
export const SetTitle = z.object({
  op: z.literal('title'),
  /** The card's words, e.g. "Happy 80th Birthday, Grandma"; "" removes the card. */
  text: z.string(),
});

/** The closing card at the end (the sign-off). An empty text removes it. */
export const SetClosing = z.object({
  op: z.literal('closing'),
  /** The card's words, e.g. "With love, Anna, Tom and the kids"; "" removes the card. */
  text: z.string(),
});

/** Replaces the whole message (the lines shown over the moments). "" removes it. */
export const SetMessage = z.object({
  op: z.literal('message'),
  /** The new message; lines are split at sentence ends and new lines as today. */
  text: z.string(),
});

/** Replaces one line of the message with new words (its pin, if any, stays). */
export const ReplaceLine = z.object({
  op: z.literal('replace_line'),
  /** Which line: its number, "last", or some of its words. */
  line: LineRef,
  /** The words that take its place. */
  text: z.string().min(1),
});

/** Adds a line to the message: at the end, or before a given line. */
export const AddLine = z.object({
  op: z.literal('add_line'),
  /** The new line's words. */
  text: z.string().min(1),
  /** Where: "end" (default), "start", or the 1-based number the new line will have. */
  at: z.union([z.literal('end'), z.literal('start'), z.number().int().min(1)]).default('end'),
});

/** Takes one line out of the message. */
export const RemoveLine = z.object({
  op: z.literal('remove_line'),
  /** Which line: its number, "last", or some of its words. */
  line: LineRef,
});

/**
 * Shows one line of the message during one moment instead of where pacing would put it; with
 * `moment: null` the line is paced with the others again.
 */
export const PinLine = z.object({
  op: z.literal('pin_line'),
  /** Which line: its number, "last", or some of its words. */
  line: LineRef,
  /** The moment it is shown on, or null to unpin. */
  moment: MomentRef.nullable(),
});

/**
 * Words shown on one photo or clip while it is on screen (a caption of its own, apart from the
 * message). An empty text removes the caption.
 */
export const Caption = z.object({
  op: z.literal('caption'),
  /** The photo or clip. */
  moment: MomentRef,
  /** The caption's words, e.g. "Our summer at the lake"; "" removes it. */
  text: z.string(),
});

/** Where the on-screen lines (message and captions) come from. */
export const CaptionsSource = z.object({
  op: z.literal('captions_source'),
  /** "message": the typed message, paced for reading; "voice": the voice recording's words as spoken. */
  from: z.enum(['message', 'voice']),
});

/** Reads the message aloud with a synthesized voice (in place of a voice recording while on). */
export const Narration = z.object({
  op: z.literal('narration'),
  /** true reads it aloud, false stops. */
  on: z.boolean(),
});

export const WORD_OPERATIONS = [
  SetTitle,
  SetClosing,
  SetMessage,
  ReplaceLine,
  AddLine,
  RemoveLine,
  PinLine,
  Caption,
  CaptionsSource,
  Narration,
] as const;
