import { z } from 'zod';
import { Aspect, LookStyle, MusicMood, TextPosition, Timeline } from '../../timeline/model.js';
import { ExportInfo, MediaFacts } from '../../media/record.js';
import { Transcript } from './voice/transcript.js';

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
    })
    .default({ enabled: true }),
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
  /** For a voice recording: its words as heard by speech-to-text, once transcribed. */
  transcript: Transcript.optional(),
  /** File name inside the project's media folder. */
  storedAs: z.string(),
  uploadedAt: z.string(),
});
export type StoredMedia = z.infer<typeof StoredMedia>;

/** A finished export as project.json keeps it: download links are made per request, never stored. */
export const ExportRecord = ExportInfo.omit({ download: true });

/** A render as remembered across restarts; live progress is kept in memory by the render queue. */
export const RenderRecord = z.object({
  jobId: z.string(),
  key: z.string(),
  status: z.enum(['queued', 'rendering', 'done', 'failed', 'cancelled', 'interrupted']),
  quality: z.enum(['final', 'preview']),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  result: ExportRecord.optional(),
});
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
