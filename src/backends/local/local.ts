import { EventEmitter } from 'node:events';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { summarizeTimeline } from '../../core/timeline/summary.js';
import type {
  Backend,
  CallContext,
  CreditsReport,
  ExportOptions,
  ExportResult,
  GenerateResult,
  LetterChange,
  LetterRequest,
  ProjectState,
  MomentStill,
  Storyboard,
  UploadInput,
  UploadResult,
} from '../../core/backend.js';
import type { Engine } from './engine.js';
import { Exports, type RenderJobsFor } from './exports.js';
import { generateLetter } from './generate.js';
import { RenderQueue } from './jobs/render-queue.js';
import { toMediaInfo } from './media-info.js';
import { leftOutPhotos } from './plan/selection.js';
import { ffmpegLookupFor, locateFfmpeg, type FfmpegTools } from './render/run/locate-ffmpeg.js';
import { ProjectStore } from './store.js';
import { drawStoryboard } from './storyboard.js';
import { drawMomentStill } from './moment-still.js';
import type { MomentRef } from '../../core/timeline/operations.js';
import { assetPlaces, timelineOf } from './timelines.js';
import { Transcripts } from './transcripts.js';
import { speechCapabilities } from './voice/capabilities.js';
import { uploadMedia } from './uploads.js';

/**
 * The offline engine: projects on disk, ffmpeg on this machine, no account and no network. A
 * facade: uploads, letters, transcripts and exports each live in their own module.
 */
export class LocalBackend implements Backend, Engine {
  readonly name = 'local' as const;
  readonly store: ProjectStore;
  private readonly changes = new EventEmitter();
  private readonly transcripts: Transcripts;
  private readonly exports: Exports;

  constructor(
    readonly config: Config,
    readonly log: Logger,
    readonly ffmpeg: FfmpegTools,
    /** Hosted mode passes one queue shared by every person's backend (or by many machines, over Redis); its own otherwise. */
    jobs: RenderJobsFor = (render) => new RenderQueue(config.renderConcurrency).forHome(render),
  ) {
    this.store = new ProjectStore(config.home);
    this.changes.setMaxListeners(0);
    this.transcripts = new Transcripts(this);
    this.exports = new Exports(this, jobs);
  }

  letters(): Promise<string[]> {
    return this.store.list();
  }

  watch(listener: (change: LetterChange) => void): () => void {
    this.changes.on('change', listener);
    return () => void this.changes.off('change', listener);
  }

  changed(projectId: string, kind: LetterChange['kind']): void {
    this.changes.emit('change', { projectId, kind } satisfies LetterChange);
  }

  upload(input: UploadInput, ctx: CallContext): Promise<UploadResult> {
    return uploadMedia(this, this.transcripts, input, ctx);
  }

  generate(projectId: string, request: LetterRequest, _ctx: CallContext): Promise<GenerateResult> {
    return generateLetter(this, this.transcripts, projectId, request);
  }

  async state(projectId: string): Promise<ProjectState> {
    const record = await this.store.load(projectId);
    this.transcripts.resume(record);
    return {
      projectId,
      backend: 'local',
      summary: summarizeTimeline(record.timeline ?? undefined),
      timeline: record.timeline,
      media: record.media.map((m) => toMediaInfo(m, this.transcripts.pending(m.id), record.letter.message)),
      lastExport: this.exports.lastExport(record),
      renders: this.exports.renders(record),
      setAside: leftOutPhotos(record.letter, record.media).map(({ id, fileName, reason, sentence }) => ({
        mediaId: id,
        fileName,
        reason,
        sentence,
      })),
      capabilities: speechCapabilities(),
    };
  }

  async momentStill(projectId: string, moment: MomentRef): Promise<MomentStill> {
    const record = await this.store.load(projectId);
    return drawMomentStill(await timelineOf(this, record), record, moment, assetPlaces(this, record), this.ffmpeg);
  }

  async storyboard(projectId: string): Promise<Storyboard> {
    const record = await this.store.load(projectId);
    return drawStoryboard(await timelineOf(this, record), assetPlaces(this, record));
  }

  async credits(): Promise<CreditsReport> {
    return {
      backend: 'local',
      unlimited: true,
      available: null,
      frozen: null,
      total: null,
      message:
        'Rendering is free and unlimited: the local engine makes every letter on this computer with ffmpeg, with no account and no credits.',
    };
  }

  async export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
    if (!options.cancel)
      await this.transcripts.wordsFor(await this.store.load(projectId), () =>
        ctx.progress({ percent: 0, message: 'Hearing the words of your voice recording for the captions' }),
      );
    return this.exports.export(projectId, options, ctx);
  }

  /** Stops transcriptions and every render (killing ffmpeg, removing partial files); a restart reports renders interrupted. */
  async close(): Promise<void> {
    await Promise.all([this.transcripts.close(), this.exports.close()]);
  }
}

export async function createLocalBackend(config: Config, log: Logger): Promise<LocalBackend> {
  const tools = await locateFfmpeg(ffmpegLookupFor(config));
  log.info({ ffmpeg: tools.ffmpeg, version: tools.version }, 'ffmpeg ready');
  return new LocalBackend(config, log, tools);
}
