import { z } from 'zod';
import { Aspect, LookStyle, MusicMood, TextLook, TextPosition, Timeline } from '../../core/timeline/model.js';
import { FocusPlace, FocusPoint, Theme } from '../../core/timeline/operations.js';
import { MediaFacts } from '../../core/media/record.js';
import { ExportInfo, RenderJob } from '../../core/render.js';
import { Reading } from './voice/reading.js';
import { Transcript } from './voice/transcript.js';

/** What the person asked for one photo or clip (a moment of the letter); anything absent follows the letter. */
export const MomentSettings = z.object({
  /** Words shown on this moment while it is on screen. */
  caption: z.string().optional(),
  /** Seconds on screen; absent = photos share the letter's time, clips play their length. */
  seconds: z.number().min(1.5).max(60).optional(),
  /** Where the framing looks: a place or a point (fractions of the upright picture); absent = around the faces. */
  focus: z.union([FocusPlace, FocusPoint]).optional(),
  /** Clockwise turn from the upright picture as uploaded. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
  /** A clip's in and out points, seconds into the clip. */
  clipFrom: z.number().min(0).optional(),
  clipTo: z.number().positive().optional(),
  /** A clip's own sound level, 0..2; absent = the letter's clip level. */
  volume: z.number().min(0).max(2).optional(),
  /** The change into this moment; absent = the letter's transition. */
  transitionIn: z.enum(['crossfade', 'cut']).optional(),
});
export type MomentSettings = z.infer<typeof MomentSettings>;

/** Where a voice recording plays: from the start, at the end, or with a moment (by media id). */
export const VoicePlacement = z.object({
  mediaId: z.string(),
  at: z.union([z.literal('start'), z.literal('end'), z.object({ moment: z.string() })]),
});
export type VoicePlacement = z.infer<typeof VoicePlacement>;

/** A line of the message shown during one moment (by the line's words, so editing other lines keeps it). */
export const LinePin = z.object({ line: z.string(), mediaId: z.string() });
export type LinePin = z.infer<typeof LinePin>;

/** How each kind of words looks; each card and the captions change on their own. */
export const TextLooks = z.object({
  title: TextLook.prefault({}),
  closing: TextLook.prefault({}),
  captions: TextLook.prefault({}),
});
export type TextLooks = z.infer<typeof TextLooks>;

/** What the person asked for; the planner turns it (with the media) into a Timeline. */
export const LetterSettings = z.object({
  message: z.string().default(''),
  title: z.string().default(''),
  closing: z.string().default(''),
  clips: z
    .object({
      /** Longest a clip plays, in seconds; longer clips play their first this-many seconds. */
      maxSeconds: z.number().positive().default(15),
      /** Level of the clips' own sound, 0..2 (1 = as recorded). */
      volume: z.number().min(0).max(2).default(1),
    })
    .default({ maxSeconds: 15, volume: 1 }),
  /** Photo media ids in the order they appear; photos not listed follow in upload order. */
  photoOrder: z.array(z.string()).default([]),
  /** Photo media ids the person asked to leave out. */
  removedPhotos: z.array(z.string()).default([]),
  /**
   * Which photos play of a big folder (plan/selection.ts): duplicates, near-duplicates and blurred
   * shots are set aside while `setAside` is on, except those the person brought back; `toFit`
   * holds the photos left out when the person asked for a length ("about a minute").
   */
  curation: z
    .object({
      setAside: z.boolean().default(true),
      broughtBack: z.array(z.string()).default([]),
      toFit: z.array(z.string()).default([]),
    })
    .default({ setAside: true, broughtBack: [], toFit: [] }),
  music: z
    .object({
      enabled: z.boolean().default(true),
      volume: z.number().min(0).max(1).default(0.35),
      /** A letter saved with a mood that never existed played (and now says) warm. */
      mood: MusicMood.catch('warm'),
      /**
       * Which music plays: absent = the latest audio upload marked as music if there is one, else
       * the built-in music; null = the built-in music in `mood`; a media id = that upload.
       */
      mediaId: z.string().nullable().optional(),
    })
    .default({ enabled: true, volume: 0.35, mood: 'warm' }),
  voice: z
    .object({
      enabled: z.boolean().default(true),
      /** Absent = the latest audio upload marked as voice. */
      mediaId: z.string().optional(),
      /** Level of the voice recordings, 0.1..2 (1 = as recorded, evened out). */
      volume: z.number().min(0.1).max(2).default(1),
      /**
       * Recordings placed by the person, in the order they were placed; empty = the chosen
       * recording (mediaId, else the latest) from the start, as letters always played.
       */
      placements: z.array(VoicePlacement).default([]),
    })
    .default({ enabled: true, volume: 1, placements: [] }),
  /**
   * Read the message aloud with a synthesized voice, each line while its caption is on screen. While
   * on, it takes the place of a voice recording (one voice at a time); the recording is kept.
   */
  narration: z.boolean().default(false),
  /**
   * What the on-screen lines say: the typed `message`, paced for reading, or the words of the
   * voice recording (`voice`), each line on screen while it is said. The typed message is kept
   * either way, so switching back restores it.
   */
  captions: z.enum(['message', 'voice']).default('message'),
  /** Reading pace: 1 = about 180 words a minute; 1.25 = a quarter longer on screen. */
  pace: z.number().min(0.5).max(2).default(1),
  /** Total length the person asked for, in seconds; the letter never gets shorter than its text and voice need. */
  lengthSeconds: z.number().positive().nullable().default(null),
  style: LookStyle.default('natural'),
  textPosition: TextPosition.default('bottom'),
  aspect: Aspect.default('16:9'),
  /** Per photo or clip (by media id): caption, length, framing, trim, sound, transition. */
  moments: z.record(z.string(), MomentSettings).default({}),
  /** Message lines pinned to a moment; the other lines are paced over the rest of the letter. */
  pins: z.array(LinePin).default([]),
  /** The change between moments, and a crossfade's length in seconds (shortened for short moments). */
  transitions: z
    .object({
      style: z.enum(['crossfade', 'cut']).default('crossfade'),
      seconds: z.number().min(0.2).max(3).default(1),
    })
    .default({ style: 'crossfade', seconds: 1 }),
  /** Fade from black at the start and to black at the end, in seconds (0 = none). */
  fades: z
    .object({ start: z.number().min(0).max(4).default(0.6), end: z.number().min(0).max(4).default(0.8) })
    .default({ start: 0.6, end: 0.8 }),
  looks: TextLooks.default(TextLooks.parse({})),
  /** The occasion the letter was dressed for, if any (its settings were written into the fields above). */
  theme: Theme.nullable().default(null),
});
export type LetterSettings = z.infer<typeof LetterSettings>;

/** Edits that can be undone, newest last, with the sentences that described them. */
export const HISTORY_LIMIT = 20;
export const HistoryEntry = z.object({ settings: LetterSettings, changes: z.array(z.string()) });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A stored file as project.json keeps it: its facts, and where and how it is kept. */
export const StoredMedia = MediaFacts.extend({
  id: z.string(),
  fileName: z.string(),
  /** For audio: a voice recording (plays in full, music dips under it) or music (replaces the built-in music). */
  role: z.enum(['voice', 'music']).optional(),
  /** For a song: its beats, seconds from its start (music/beat-tracking.ts), so photo changes land on them. */
  beats: z.array(z.number()).optional(),
  /** For a voice recording: its words as heard by speech-to-text, once transcribed. */
  transcript: Transcript.optional(),
  /** For a voice recording: the letter's typed message as found in it (the latest message aligned). */
  reading: Reading.optional(),
  /** File name inside the project's media folder. */
  storedAs: z.string(),
  uploadedAt: z.string(),
});
export type StoredMedia = z.infer<typeof StoredMedia>;

/** A finished export as project.json keeps it: download links are made per request, never stored. */
export const ExportRecord = ExportInfo.omit({ download: true });

/** A render as remembered across restarts; live progress is kept in memory by the render queue. */
export const RenderRecord = RenderJob.pick({
  key: true,
  status: true,
  quality: true,
  createdAt: true,
  finishedAt: true,
  error: true,
}).extend({ jobId: z.string(), result: ExportRecord.optional() });
export type RenderRecord = z.infer<typeof RenderRecord>;

export const ProjectRecord = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  media: z.array(StoredMedia).default([]),
  letter: LetterSettings.default(LetterSettings.parse({})),
  history: z.array(HistoryEntry).default([]),
  timeline: Timeline.nullable().default(null),
  lastExport: ExportRecord.nullable().default(null),
  /** The most recent renders, newest last. */
  renders: z.array(RenderRecord).default([]),
});
export type ProjectRecord = z.infer<typeof ProjectRecord>;
