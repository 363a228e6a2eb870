import { z } from 'zod';
import { FocusPlace, FocusPoint } from './operations/framing.js';

/**
 * The Timeline both backends speak: tracks of timed segments. The local engine plans it and
 * compiles it to ffmpeg; the cloud backend decodes NemoVideo's compact draft into it. Tools,
 * summaries and the router only ever see this shape.
 */
export const Aspect = z.enum(['16:9', '9:16', '1:1']);
export type Aspect = z.infer<typeof Aspect>;

export const FRAME_SIZES: Record<Aspect, { width: number; height: number }> = {
  '16:9': { width: 1920, height: 1080 },
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
};

/** Ken Burns motion of a photo: the visible window's scale and centre at the start and the end. */
export const Motion = z.object({
  fromZoom: z.number().min(1),
  toZoom: z.number().min(1),
  /** Window centre as a fraction of the frame (0.5 = centred). */
  fromX: z.number().min(0).max(1),
  fromY: z.number().min(0).max(1),
  toX: z.number().min(0).max(1),
  toY: z.number().min(0).max(1),
});
export type Motion = z.infer<typeof Motion>;

/** What a video-track shot shows: a still photo (moved by Ken Burns) or a video clip (plays as filmed). */
export const ShotKind = z.enum(['photo', 'clip']);
export type ShotKind = z.infer<typeof ShotKind>;

/**
 * How a picture fills the frame: `cover` crops around what matters; `contain` shows all of it over
 * a blurred, darkened copy of itself, for a picture whose shape fights the frame.
 */
export const Fit = z.enum(['cover', 'contain']);
export type Fit = z.infer<typeof Fit>;

/** The shipped faces: Caveat handwriting, or Inter (plain, bold, italic). */
export const FontName = z.enum(['handwriting', 'plain', 'bold', 'italic']);
export type FontName = z.infer<typeof FontName>;

/**
 * How words look. `size` scales the usual size (1); `backing` keeps them readable over any picture:
 * a soft band of shade behind them, a dark outline around each letter, or a soft shadow only.
 */
export const TextLook = z.object({
  size: z.number().min(0.6).max(2.5).default(1),
  font: FontName.default('handwriting'),
  /** "#rrggbb". */
  colour: z.string().default('#fffaf0'),
  backing: z.enum(['band', 'outline', 'shadow']).default('band'),
});
export type TextLook = z.infer<typeof TextLook>;

export const Segment = z.object({
  /** Seconds from the start of the letter. */
  start: z.number().min(0),
  end: z.number().min(0),
  /** What a person would call it: a file name, a line of text, a music mood. */
  label: z.string(),
  mediaId: z.string().optional(),
  text: z.string().optional(),
  /** Audio level, 0..1 (0.35 = 35%). */
  volume: z.number().min(0).max(2).optional(),
  motion: Motion.optional(),
  /** Video-track shots only; absent means a photo. */
  kind: ShotKind.optional(),
  /** Video-track shots only; absent means cover. */
  fit: Fit.optional(),
  /** Clip shots: where the clip starts playing, seconds into the file; absent = its start. */
  from: z.number().min(0).optional(),
  /** Video-track shots: clockwise turn from the upright picture. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
  /**
   * Video-track shots: where the person asked the framing to look, a place or a point (fractions
   * of the upright picture); absent = around the faces, or where the eye goes.
   */
  focus: z.union([FocusPlace, FocusPoint]).optional(),
  /**
   * Photo shots cropped to fill the frame: the part of the upright (and turned) picture shown
   * before the slow zoom, as fractions of it, the frame's shape.
   */
  crop: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional(),
  /** Photo shots: how the picture is framed, in words ("cover around 2 faces", "whole over blur: ..."). */
  framing: z.string().optional(),
  /** Message-track segments: the moment (media id) these words belong to, a caption of its own or a pinned line. */
  moment: z.string().optional(),
});
export type Segment = z.infer<typeof Segment>;

export const TrackRole = z.enum(['video', 'music', 'voice', 'title', 'message', 'closing']);
export type TrackRole = z.infer<typeof TrackRole>;

export const Track = z.object({
  type: z.enum(['video', 'audio', 'text']),
  role: TrackRole,
  /** Heading used in summaries: "Video", "BGM", "Voice", "Title", "Message", "Closing". */
  name: z.string(),
  segments: z.array(Segment),
});
export type Track = z.infer<typeof Track>;

/** A colour look applied to the whole picture. */
export const LookStyle = z.enum(['natural', 'warm', 'black-and-white', 'vintage']);
export type LookStyle = z.infer<typeof LookStyle>;

/** The built-in music's moods (the local engine synthesizes each; the cloud is asked for it in words). */
export const MusicMood = z.enum(['warm', 'gentle', 'uplifting', 'celebration']);
export type MusicMood = z.infer<typeof MusicMood>;
/** "warm, gentle, uplifting or celebration", for sentences that list the moods. */
export const MOODS_SENTENCE = `${MusicMood.options.slice(0, -1).join(', ')} or ${MusicMood.options.at(-1)}`;

/** Where the message lines sit in the frame. */
export const TextPosition = z.enum(['bottom', 'center', 'top']);
export type TextPosition = z.infer<typeof TextPosition>;

export const Timeline = z.object({
  aspect: Aspect,
  style: LookStyle.optional(),
  textPosition: TextPosition.optional(),
  /** Total length in seconds. */
  duration: z.number().min(0),
  /** Fade from black at the start and to black at the end, in seconds; absent = 0.6 and 0.8. */
  fades: z.object({ start: z.number().min(0), end: z.number().min(0) }).optional(),
  /** How the title, closing and caption words look; absent = the usual look. */
  looks: z.object({ title: TextLook, closing: TextLook, captions: TextLook }).partial().optional(),
  tracks: z.array(Track),
});
export type Timeline = z.infer<typeof Timeline>;

export function trackOf(timeline: Timeline, role: TrackRole): Track | undefined {
  return timeline.tracks.find((t) => t.role === role);
}
