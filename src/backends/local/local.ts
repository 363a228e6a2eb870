import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { LetterError } from '../../errors.js';
import { copyFileAtomic } from '../../files.js';
import type { Logger } from '../../log.js';
import { ACCEPTED_SENTENCE, MAX_UPLOAD_BYTES } from '../../media/formats.js';
import { FRAME_SIZES } from '../../timeline/model.js';
import { summarizeTimeline } from '../../timeline/summary.js';
import type {
  Backend, CallContext, CreditsReport, ExportInfo, ExportOptions, ExportResult, GenerateResult, LetterRequest, MediaInfo,
  ProjectState, Storyboard, UploadInput, UploadResult,
} from '../backend.js';
import { inspectFile } from './intake/inspect.js';
import { probeMedia } from './intake/probe.js';
import { applyRequest, whatICanDo } from './letter-request.js';
import { planLetter } from './plan/plan.js';
import type { ProjectRecord, StoredMedia } from './project.js';
import { prepareAssets } from './render/assets.js';
import { compile } from './render/compile.js';
import { locateFfmpeg, type FfmpegTools } from './render/ffmpeg.js';
import { runFfmpeg } from './render/run.js';
import { writeCaptions } from './render/caption-file.js';
import { drawStoryboard } from './render/storyboard.js';
import { ProjectStore } from './store.js';
import { tempSibling } from '../../files.js';

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export function toMediaInfo(m: StoredMedia): MediaInfo {
  const { storedAs: _stored, uploadedAt: _at, ...info } = m;
  return info;
}

/** A file name safe on every OS, from the letter's title. */
export function slug(text: string): string {
  const s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return s || 'video-letter';
}

/** The offline engine: projects on disk, ffmpeg on this machine, no account and no network. */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  readonly store: ProjectStore;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    readonly ffmpeg: FfmpegTools,
  ) {
    this.store = new ProjectStore(config.home);
  }

  async upload(input: UploadInput, _ctx: CallContext): Promise<UploadResult> {
    if (input.url) throw new LetterError('invalid_request', 'The local engine cannot fetch URLs. Pass a local file path, or the file content as base64 with a file name.');
    const staged = await this.stage(input);
    try {
      const inspected = await inspectFile(staged.path, staged.fileName, this.ffmpeg.ffprobe);
      // Only now, with the file known to be good, is a project created or changed.
      const projectId = input.projectId ?? (await this.store.create()).id;
      return await this.store.update(projectId, async (record) => {
        const id = newId('m');
        const storedAs = `${id}.${inspected.format}`;
        await copyFileAtomic(staged.path, path.join(this.store.mediaDir(projectId), storedAs));
        const { text, ...facts } = inspected;
        const media: StoredMedia = { id, fileName: staged.fileName, storedAs, uploadedAt: new Date().toISOString(), ...facts };
        let letter = record.letter;
        let note: string | undefined;
        if (text !== undefined) {
          letter = { ...letter, message: text };
          note = "The text became the letter's message.";
        }
        this.log.info({ projectId, mediaId: id, kind: media.kind, bytes: media.sizeBytes }, 'media stored');
        return { record: { ...record, media: [...record.media, media], letter }, result: { projectId, media: toMediaInfo(media), ...(note && { note }) } };
      });
    } finally {
      if (staged.temporary) await fs.rm(staged.path, { force: true });
    }
  }

  /** Puts the upload in a file we can inspect: the given path, or base64 content decoded to a temp file. */
  private async stage(input: UploadInput): Promise<{ path: string; fileName: string; temporary: boolean }> {
    if (input.path) return { path: path.resolve(input.path), fileName: input.fileName ?? path.basename(input.path), temporary: false };
    if (input.contentBase64 !== undefined) {
      if (!input.fileName) throw new LetterError('invalid_request', 'Base64 content needs a file_name (for example "beach.jpg") so the letter can refer to it.');
      if (input.contentBase64.length * 0.75 > MAX_UPLOAD_BYTES + 4) {
        throw new LetterError('file_too_large', `"${input.fileName}" is over the 200 MB limit. Compress it or trim it, then upload again.`);
      }
      const bytes = Buffer.from(input.contentBase64, 'base64');
      const tmp = path.join(this.config.home, 'tmp', `${newId('upload')}-${path.basename(input.fileName)}`);
      await fs.mkdir(path.dirname(tmp), { recursive: true });
      await fs.writeFile(tmp, bytes);
      return { path: tmp, fileName: path.basename(input.fileName), temporary: true };
    }
    throw new LetterError('invalid_request', `Nothing to upload: pass "path" (a file on this computer) or "content_base64" with "file_name". ${ACCEPTED_SENTENCE}`);
  }

  async generate(projectId: string, request: LetterRequest, _ctx: CallContext): Promise<GenerateResult> {
    return this.store.update(projectId, async (record) => {
      const outcome = applyRequest(request, record.letter, record.media);
      if (outcome.misunderstood && record.timeline) {
        return { record, result: this.generated(record, [], whatICanDo()) };
      }
      const timeline = planLetter(outcome.settings, record.media);
      const next: ProjectRecord = { ...record, letter: outcome.settings, timeline };
      const changes = record.timeline ? outcome.changes : ['Letter created.', ...outcome.changes];
      const reply = outcome.misunderstood
        ? `I made the letter from your photos and message; I did not recognise an edit in "${request.instruction}".`
        : changes.join(' ');
      return { record: next, result: this.generated(next, changes, reply) };
    });
  }

  private generated(record: ProjectRecord, changes: string[], reply: string): GenerateResult {
    const timeline = record.timeline!;
    return { projectId: record.id, changes, reply, timeline, summary: summarizeTimeline(timeline) };
  }

  async state(projectId: string): Promise<ProjectState> {
    const record = await this.store.load(projectId);
    return {
      projectId,
      backend: 'local',
      summary: summarizeTimeline(record.timeline ?? undefined),
      timeline: record.timeline,
      media: record.media.map(toMediaInfo),
      lastExport: record.lastExport,
      renders: [],
    };
  }

  async storyboard(projectId: string): Promise<Storyboard> {
    const record = await this.store.load(projectId);
    const timeline = record.timeline ?? planLetter(record.letter, record.media);
    return drawStoryboard(timeline, {
      mediaPath: (id) => path.join(this.store.mediaDir(projectId), record.media.find((m) => m.id === id)?.storedAs ?? id),
      projectCache: this.store.cacheDir(projectId),
      sharedCache: path.join(this.config.home, 'cache'),
      ffmpeg: this.ffmpeg.ffmpeg,
    });
  }

  async credits(): Promise<CreditsReport> {
    return {
      backend: 'local', unlimited: true, available: null, frozen: null, total: null,
      message: 'Rendering is free and unlimited: the local engine makes every letter on this computer with ffmpeg, with no account and no credits.',
    };
  }

  async export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
    const record = await this.store.load(projectId);
    const timeline = record.timeline ?? planLetter(record.letter, record.media);
    const frame = FRAME_SIZES[timeline.aspect];
    const scale = options.quality === 'preview' ? 0.5 : 1;
    const width = Math.round((frame.width * scale) / 2) * 2;
    const height = Math.round((frame.height * scale) / 2) * 2;
    const started = Date.now();
    const jobId = newId('r');
    ctx.progress({ percent: 0, message: 'Preparing photos, text and music' });
    const assets = await prepareAssets(timeline, width, height, {
      mediaPath: (id) => path.join(this.store.mediaDir(projectId), record.media.find((m) => m.id === id)?.storedAs ?? id),
      projectCache: this.store.cacheDir(projectId),
      sharedCache: path.join(this.config.home, 'cache'),
    });
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const finalPath = path.join(this.config.outputDir, `${slug(record.letter.title)}-${stamp}-${jobId.slice(2, 6)}${options.quality === 'preview' ? '-preview' : ''}.mp4`);
    await fs.mkdir(this.config.outputDir, { recursive: true });
    const partial = tempSibling(finalPath);
    const args = compile(timeline, assets, { path: partial, width, height, quality: options.quality });
    try {
      await runFfmpeg(this.ffmpeg.ffmpeg, args, {
        durationSeconds: timeline.duration,
        signal: ctx.signal,
        onProgress: (percent) => ctx.progress({ percent, message: `Rendering ${percent}%` }),
      });
      await fs.rename(partial, finalPath);
    } finally {
      await fs.rm(partial, { force: true });
    }
    const captionsPath = await writeCaptions(timeline, finalPath);
    const probe = await probeMedia(this.ffmpeg.ffprobe, finalPath);
    const info: ExportInfo = {
      jobId, path: finalPath, width, height, quality: options.quality,
      durationSeconds: probe.durationSeconds ?? timeline.duration,
      sizeBytes: (await fs.stat(finalPath)).size,
      renderSeconds: (Date.now() - started) / 1000,
      finishedAt: new Date().toISOString(),
      ...(captionsPath && { captionsPath }),
    };
    await this.store.update(projectId, async (r) => ({ record: { ...r, lastExport: info }, result: undefined }));
    ctx.progress({ percent: 100, message: 'Done' });
    this.log.info({ projectId, jobId, seconds: info.renderSeconds }, 'letter rendered');
    return { status: 'done', ...info };
  }

  async close(): Promise<void> {}
}

export async function createLocalBackend(config: Config, log: Logger): Promise<LocalBackend> {
  const tools = await locateFfmpeg({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
  log.info({ ffmpeg: tools.ffmpeg, version: tools.version }, 'ffmpeg ready');
  return new LocalBackend(config, log, tools);
}
