import type { EditOperation, MomentRef } from './timeline/operations.js';
import type { MediaInfo } from './media/record.js';
import type { ActiveStatus, EndedStatus, ExportInfo, ExportQuality, RenderJobInfo } from './render.js';
import type { Aspect, LookStyle, MusicMood, TextPosition, Timeline } from './timeline/model.js';

export type { MediaInfo, TranscriptInfo } from './media/record.js';
export type { ExportInfo, ExportQuality, RenderJobInfo, RenderStatus } from './render.js';

/**
 * The one interface behind the tools. The local engine and the NemoVideo cloud client both
 * implement it and both speak the shared Timeline model, so a tool never knows which one it uses.
 * Every method throws LetterError for problems a person can act on.
 */
export interface Backend {
  readonly name: 'local' | 'cloud';
  upload(input: UploadInput, ctx: CallContext): Promise<UploadResult>;
  generate(projectId: string, request: LetterRequest, ctx: CallContext): Promise<GenerateResult>;
  state(projectId: string): Promise<ProjectState>;
  credits(): Promise<CreditsReport>;
  export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult>;
  /** One moment (photo or clip) at full size as it will look, for engines that can draw one without rendering. */
  momentStill?(projectId: string, moment: MomentRef): Promise<MomentStill>;
  /** A contact sheet of the letter's key frames, for engines that can draw one without rendering. */
  storyboard?(projectId: string): Promise<Storyboard>;
  /** Every letter's id, for engines that keep their letters on this machine (resource lists, completion). */
  letters?(): Promise<string[]>;
  /** Calls `listener` whenever a letter is created or changes; returns a function that stops listening. */
  watch?(listener: (change: LetterChange) => void): () => void;
  close(): Promise<void>;
}

/** What changed in a letter: it was created, got media, its timeline was edited, a render moved on, or an export finished. */
export interface LetterChange {
  projectId: string;
  kind: 'created' | 'media' | 'timeline' | 'render' | 'exported';
}

export interface Progress {
  /** 0..100 */
  percent: number;
  message: string;
}

export interface CallContext {
  /** Aborted when the client cancels the request or disconnects. */
  signal: AbortSignal;
  progress: (p: Progress) => void;
}

export interface UploadInput {
  /** A project to add to; a new project is created when absent. */
  projectId?: string;
  /** A local file path (stdio clients on the same machine). */
  path?: string;
  /** Base64 file content, with fileName. */
  contentBase64?: string;
  fileName?: string;
  /** A public https URL: fetched by the server over HTTP, or by NemoVideo for the cloud backend. */
  url?: string;
  /** For audio: a voice recording or music; when absent the file name decides (see audio-role.ts). */
  role?: 'voice' | 'music';
}

export interface UploadResult {
  projectId: string;
  media: MediaInfo;
  /** What the upload did beyond storing, e.g. "The text became the letter's message." */
  note?: string;
  /** For audio: how the letter will use it. */
  role?: 'voice' | 'music';
}

export interface MusicRequest {
  enabled?: boolean;
  /** 0..1 */
  volume?: number;
  mood?: MusicMood;
}

/** A plain-language instruction plus structured fields the agent can fill precisely. */
export interface LetterRequest {
  instruction?: string;
  /** Edit operations, applied after the instruction and the fields, in order and all or none. */
  edits?: EditOperation[];
  message?: string;
  title?: string;
  closing?: string;
  /** Media ids or file names, in the order the photos should appear. */
  photoOrder?: string[];
  music?: MusicRequest;
  /** Play the voice recording (true) or leave it out (false). */
  voice?: boolean;
  /** Read the message aloud with a synthesized voice (true) or not (false). */
  narration?: boolean;
  /** What the on-screen lines say: the typed message, or the words of the voice recording as it says them. */
  captions?: 'message' | 'voice';
  /** Reading pace: 1 = about 180 words a minute, 1.25 = a quarter longer on screen. */
  pace?: number;
  /** Total length in seconds; null lets the text and voice decide again. */
  lengthSeconds?: number | null;
  style?: LookStyle;
  textPosition?: TextPosition;
  aspect?: Aspect;
  clips?: ClipsRequest;
}

export interface ClipsRequest {
  /** Longest a clip plays, in seconds. */
  maxSeconds?: number;
  /** Level of the clips' own sound, 0..2. */
  volume?: number;
}

export interface GenerateResult {
  projectId: string;
  /** One short sentence per change, e.g. "Aspect set to 9:16 (vertical)." */
  changes: string[];
  /** What to tell the person (the cloud agent's words after GUI translation, or our own). */
  reply: string;
  timeline: Timeline;
  summary: string;
}

export interface ProjectState {
  projectId: string;
  backend: 'local' | 'cloud';
  summary: string;
  timeline: Timeline | null;
  media: MediaInfo[];
  lastExport: ExportInfo | null;
  renders: RenderJobInfo[];
  /**
   * Photos that do not play though the person never removed them, for engines that read photos at
   * intake: duplicates and blurred shots set aside, and photos left out to fit a length asked for.
   */
  setAside?: SetAsidePhoto[];
  /** Features that depend on what is installed on this computer, and whether each works here (local engine). */
  capabilities?: Capability[];
}

/** A feature that depends on this computer, with a sentence saying what it needs. */
export interface Capability {
  feature: string;
  available: boolean;
  sentence: string;
}

export interface SetAsidePhoto {
  mediaId: string;
  fileName: string;
  reason: 'duplicate' | 'near-duplicate' | 'blurred' | 'length';
  /** "beach-2.jpg looks the same as beach.jpg (kept, the better)". */
  sentence: string;
}

export interface MomentStill {
  /** A JPEG of the letter's frame, under 500 KB. */
  jpeg: Buffer;
  /** Which moment and when, e.g. "2. beach.jpg at 7.4 s". */
  label: string;
  width: number;
  height: number;
}

export interface Storyboard {
  /** One image of every tile, small enough for any client to take in one message. */
  image: Buffer;
  mimeType: 'image/jpeg';
  /** What each tile shows, in order, as labelled under the tiles ("Title", "1. beach.jpg", "Closing"). */
  tiles: string[];
}

export interface CreditsReport {
  backend: 'local' | 'cloud';
  unlimited: boolean;
  available: number | null;
  frozen: number | null;
  total: number | null;
  message: string;
}

export interface ExportOptions {
  quality: ExportQuality;
  /** Stop the project's running render instead of starting one. */
  cancel?: boolean;
  /** How long to wait for the render before answering with its status; defaults to config. */
  waitMs?: number;
  /**
   * The person agreed to what this export costs. An engine whose export spends credits answers
   * an unconfirmed export with status "confirm" (the cost, nothing started) instead of rendering.
   */
  confirm?: boolean;
}

export type ExportResult =
  | ({ status: 'done' } & ExportInfo)
  | { status: ActiveStatus; jobId: string; percent: number; etaSeconds: number | null; message: string }
  | { status: EndedStatus; jobId: string; message: string }
  /** Nothing was started: the export costs `cost` credits; call again with `confirm: true`. */
  | { status: 'confirm'; cost: number; available: number | null; message: string };
