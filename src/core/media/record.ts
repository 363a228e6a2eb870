import { z } from 'zod';

/**
 * The one description of a media file, from which every other is made: what intake learns of a
 * file (MediaFacts), what an agent is told of a stored one (MediaInfo, in snake_case on the wire),
 * and what the local engine keeps in project.json (StoredMedia, in local/project.ts). A finished
 * letter's MP4 is described with the render vocabulary (ExportInfo, in core/render.ts).
 */
export const MediaKind = z.enum(['photo', 'video', 'audio', 'message']);
export type MediaKind = z.infer<typeof MediaKind>;

/** A region of a photo in fractions (0..1) of its upright width and height, from its top-left corner. */
export const PhotoBox = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type PhotoBox = z.infer<typeof PhotoBox>;

/**
 * What intake sees in a photo, once, on a small upright copy: the faces in it, the point sharp's
 * saliency finds (where the eye goes; the subject when there is no face), a perceptual hash for
 * finding near-duplicates and a sharpness measure for finding blurred shots.
 */
export const PictureFacts = z.object({
  faces: z.array(PhotoBox),
  saliency: z.object({ x: z.number(), y: z.number() }),
  /** 64-bit difference hash, 16 hex digits: photos a few bits apart look alike. */
  hash: z.string(),
  /** Variance of the Laplacian of a 256-pixel grey copy: higher is sharper (a crisp photo is in the hundreds). */
  sharpness: z.number(),
  /**
   * The photo's mean red, green and blue (0-255): the hash is of grey, so two plain or soft
   * pictures of different colours would otherwise look alike. Absent for photos read before it was kept.
   */
  colour: z.tuple([z.number(), z.number(), z.number()]).optional(),
  /** Its colours' standard deviation (0-255, averaged over red, green, blue): near 0 for a plain picture, 40-80 for a photo, blurred or not. */
  contrast: z.number().optional(),
});
export type PictureFacts = z.infer<typeof PictureFacts>;

/** What judging a file's content tells: its kind and format, its size, and for pictures and sound their shape and length. */
export const MediaFacts = z.object({
  kind: MediaKind,
  /** Container or codec family judged from the content: jpg, png, mp4, wav, txt… */
  format: z.string(),
  sizeBytes: z.number(),
  /** Upright size: a sideways phone photo reports its displayed width and height. */
  width: z.number().optional(),
  height: z.number().optional(),
  durationSeconds: z.number().optional(),
  /** For a video clip: whether it has a sound track. */
  hasSound: z.boolean().optional(),
  /** For a photo (local engine): its faces, salient point, hash and sharpness. */
  picture: PictureFacts.optional(),
});
export type MediaFacts = z.infer<typeof MediaFacts>;

/**
 * A voice recording's words: `pending` while it is transcribed, `done` with the text and the
 * caption lines it would give (seconds from the recording's start), `unavailable` or `failed` with
 * a sentence saying why (the typed message then stays the captions).
 */
export const TranscriptInfo = z.object({
  status: z.enum(['pending', 'done', 'unavailable', 'failed']),
  text: z.string(),
  lines: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
  note: z.string().optional(),
  /**
   * Whether the recording reads the letter's typed message (found in it on every computer): the
   * captions can then show the message's own lines at the times they are said.
   */
  readsMessage: z.boolean().optional(),
});
export type TranscriptInfo = z.infer<typeof TranscriptInfo>;

/** A stored file as an agent sees it. */
export const MediaInfo = MediaFacts.omit({ hasSound: true }).extend({
  id: z.string(),
  fileName: z.string(),
  /** For a voice recording (local engine): what speech-to-text heard in it. */
  transcript: TranscriptInfo.optional(),
});
export type MediaInfo = z.infer<typeof MediaInfo>;
