import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config.js';
import { LetterError } from '../../errors.js';
import { copyFileAtomic, exists, tempSibling } from '../../files.js';
import type { Logger } from '../../log.js';
import { LOCAL_ACCEPTED_SENTENCE, MAX_UPLOAD_BYTES } from '../../media/formats.js';
import { FRAME_SIZES } from '../../timeline/model.js';
import { summarizeTimeline } from '../../timeline/summary.js';
import type {
  Backend, CallContext, CreditsReport, ExportInfo, ExportOptions, ExportQuality, ExportResult, GenerateResult, LetterChange, LetterRequest,
  MediaInfo, ProjectState, RenderJobInfo, Storyboard, TranscriptInfo, UploadInput, UploadResult,
} from '../backend.js';
import { audioRole } from './intake/audio-role.js';
import type { Timeline } from '../../timeline/model.js';
import { etaSeconds, RenderQueue, type RenderJob } from './jobs/render-queue.js';
import { renderKey } from './jobs/key.js';
import { inspectFile } from './intake/inspect.js';
import { probeMedia } from './intake/probe.js';
import { applyRequest, whatICanDo } from './letter-request.js';
import { splitMessage } from './plan/pacing.js';
import { planLetter } from './plan/plan.js';
import type { LetterSettings, ProjectRecord, RenderRecord, StoredMedia } from './project.js';
import { prepareVisuals } from './render/prepare/assets.js';
import { locateFfmpeg, type FfmpegTools } from './render/run/locate-ffmpeg.js';
import { renderLetter } from './render/run/render-letter.js';
import { measureLetterLoudness } from './render/run/measure-loudness.js';
import { SILENT_LUFS } from './render/compile/mix.js';
import { prepareSound } from './render/prepare/sound-assets.js';
import { writeCaptions } from './render/run/caption-file.js';
import { drawStoryboard } from './storyboard.js';
import { ProjectStore } from './store.js';
import { narrateLines } from './voice/narrate.js';
import { voiceRecordings } from './plan/audio.js';
import { spokenPhrases } from './voice/phrases.js';
import { transcribeRecording } from './voice/transcribe.js';
import { transcriptText, type Transcript } from './voice/transcript.js';

const MAX_REMEMBERED_RENDERS = 10;
/**
 * How long upload_media waits for a voice recording's words before answering without them (the
 * transcription goes on, and get_state shows the words when it is done).
 * PocketSphinx needs about 0.2 CPU-s a second of speech here, so on an idle machine a recording
 * of a minute or so is heard in time.
 */
const TRANSCRIBE_WAIT_MS = 20_000;
const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** What an agent sees of a stored file; `transcribing` says whether its words are being heard now. */
export function toMediaInfo(m: StoredMedia, transcribing = false): MediaInfo {
  const { storedAs: _stored, uploadedAt: _at, role: _role, transcript, ...info } = m;
  const words = transcribing ? { status: 'pending' as const, text: '', lines: [] } : transcript && transcriptInfo(transcript);
  return { ...info, ...(words && { transcript: words }) };
}

function transcriptInfo(t: Transcript): TranscriptInfo {
  return { status: t.status, text: transcriptText(t.words), lines: spokenPhrases(t.words), ...(t.note && { note: t.note }) };
}

/**
 * The letter planned again with a recording's new words, when its captions follow the voice. A
 * letter that cannot be planned now (its last photo removed) keeps its timeline: the next
 * generate_letter says what is missing.
 */
function replanned(record: ProjectRecord, media: StoredMedia[]): Timeline | null {
  // Read aloud, the letter has no recording in it, so its words change nothing.
  if (!record.timeline || record.letter.captions !== 'voice' || record.letter.narration) return record.timeline;
  try {
    return planLetter(record.letter, media);
  } catch {
    return record.timeline;
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A file name safe on every OS, from the letter's title. */
export function slug(text: string): string {
  const s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return s || 'video-letter';
}

/** The offline engine: projects on disk, ffmpeg on this machine, no account and no network. */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  readonly store: ProjectStore;
  private readonly jobs: RenderQueue;
  private readonly changes = new EventEmitter();
  private closing = false;
  /** Voice recordings being transcribed, by media id. */
  private readonly transcribing = new Map<string, Promise<void>>();
  /** Voice recordings this server has transcribed or begun to, by media id. */
  private readonly heard = new Set<string>();
  private readonly stopTranscribing = new AbortController();

  /** Job ids this backend submitted: with a queue shared by several people, the ones it persists and stops. */
  private readonly mine = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    readonly ffmpeg: FfmpegTools,
    /** Hosted mode passes one queue shared by every person's backend. */
    jobs?: RenderQueue,
  ) {
    this.store = new ProjectStore(config.home);
    this.jobs = jobs ?? new RenderQueue(config.renderConcurrency);
    this.changes.setMaxListeners(0);
  }

  letters(): Promise<string[]> {
    return this.store.list();
  }

  watch(listener: (change: LetterChange) => void): () => void {
    this.changes.on('change', listener);
    return () => void this.changes.off('change', listener);
  }

  private changed(projectId: string, kind: LetterChange['kind']): void {
    this.changes.emit('change', { projectId, kind } satisfies LetterChange);
  }

  async upload(input: UploadInput, ctx: CallContext): Promise<UploadResult> {
    if (input.url) throw new LetterError('invalid_request', 'The local engine cannot fetch URLs. Pass a local file path, or the file content as base64 with a file name.');
    const staged = await this.stage(input);
    try {
      const inspected = await inspectFile(staged.path, staged.fileName, this.ffmpeg.ffprobe);
      // Only now, with the file known to be good, is a project created or changed.
      const projectId = input.projectId ?? (await this.store.create()).id;
      if (!input.projectId) this.changed(projectId, 'created');
      const stored = await this.store.update(projectId, async (record) => {
        const id = newId('m');
        const storedAs = `${id}.${inspected.format}`;
        await copyFileAtomic(staged.path, path.join(this.store.mediaDir(projectId), storedAs));
        const { text, ...facts } = inspected;
        const role = facts.kind === 'audio' ? audioRole(staged.fileName, input.role) : undefined;
        const media: StoredMedia = { id, fileName: staged.fileName, storedAs, uploadedAt: new Date().toISOString(), ...facts, ...(role && { role }) };
        let letter = record.letter;
        let note: string | undefined;
        if (text !== undefined) {
          letter = { ...letter, message: text };
          note = "The text became the letter's message.";
        }
        this.log.info({ projectId, mediaId: id, kind: media.kind, bytes: media.sizeBytes }, 'media stored');
        return { record: { ...record, media: [...record.media, media], letter }, result: { projectId, media, ...(note && { note }), ...(role && { role }) } };
      });
      if (stored.role === 'voice') {
        ctx.progress({ percent: 50, message: 'Transcribing the voice recording' });
        // The agent is answered either way; a longer recording's words come later, in get_state.
        await Promise.race([this.transcribe(projectId, stored.media), wait(TRANSCRIBE_WAIT_MS)]);
      }
      this.changed(projectId, 'media');
      const media = (await this.store.load(projectId)).media.find((m) => m.id === stored.media.id) ?? stored.media;
      return { ...stored, media: this.mediaInfo(media) };
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
    throw new LetterError('invalid_request', `Nothing to upload: pass "path" (a file on this computer) or "content_base64" with "file_name". ${LOCAL_ACCEPTED_SENTENCE}`);
  }

  async generate(projectId: string, request: LetterRequest, _ctx: CallContext): Promise<GenerateResult> {
    // Words still being heard are not waited for: when they are in, the letter is planned again.
    this.resumeTranscripts(await this.store.load(projectId));
    const result = await this.store.update(projectId, async (record) => {
      const outcome = applyRequest(request, record.letter, record.media, record.history);
      if (outcome.misunderstood && record.timeline) {
        return { record, result: this.generated(record, [], whatICanDo()) };
      }
      const timeline = await this.plan(outcome.settings, record.media);
      const next: ProjectRecord = { ...record, letter: outcome.settings, history: outcome.history, timeline };
      const changes = record.timeline ? outcome.changes : ['Letter created.', ...outcome.changes];
      const reply = outcome.misunderstood
        ? `I made the letter from your photos and message; I did not recognise an edit in "${request.instruction}".`
        : changes.join(' ');
      return { record: next, result: this.generated(next, changes, reply) };
    });
    if (result.changes.length > 0) this.changed(projectId, 'timeline');
    return result;
  }

  private mediaInfo(m: StoredMedia): MediaInfo {
    return toMediaInfo(m, this.transcribing.has(m.id));
  }

  /**
   * Hears the words of a voice recording in the background and keeps them with the recording.
   * When the letter's captions were waiting for them, the letter is planned again so its lines
   * follow the voice. A recording already being transcribed is not transcribed twice.
   */
  private transcribe(projectId: string, media: StoredMedia): Promise<void> {
    const running = this.transcribing.get(media.id);
    if (running) return running;
    this.heard.add(media.id);
    const file = path.join(this.store.mediaDir(projectId), media.storedAs);
    const started = Date.now();
    const done = transcribeRecording(file, this.ffmpeg.ffmpeg, this.stopTranscribing.signal)
      .catch((e: unknown): Transcript | undefined => this.stopTranscribing.signal.aborted ? undefined : {
        status: 'failed', words: [], note: `Speech-to-text failed (${e instanceof Error ? e.message : String(e)}); the typed message stays the captions.`,
      })
      .then(async (transcript) => {
        if (!transcript) return;
        this.log.info({ projectId, mediaId: media.id, status: transcript.status, words: transcript.words.length, ms: Date.now() - started }, 'voice recording transcribed');
        await this.store.update(projectId, async (record) => {
          const all = record.media.map((m) => (m.id === media.id ? { ...m, transcript } : m));
          return { record: { ...record, media: all, timeline: replanned(record, all) }, result: undefined };
        });
        this.changed(projectId, 'media');
      })
      .catch((e: unknown) => this.log.error({ err: e, projectId, mediaId: media.id }, 'could not keep the voice recording\'s words'))
      .finally(() => this.transcribing.delete(media.id));
    this.transcribing.set(media.id, done);
    return done;
  }

  /**
   * Starts transcribing the voice recordings that have no words yet (cut short by a restart), and
   * once per server those that found no speech engine: it may have been installed since.
   */
  private resumeTranscripts(record: ProjectRecord): void {
    for (const m of voiceRecordings(record.media)) {
      const untried = !m.transcript || (m.transcript.status === 'unavailable' && !this.heard.has(m.id));
      if (untried) void this.transcribe(record.id, m);
    }
  }

  private generated(record: ProjectRecord, changes: string[], reply: string): GenerateResult {
    const timeline = record.timeline!;
    return { projectId: record.id, changes, reply, timeline, summary: summarizeTimeline(timeline) };
  }

  async state(projectId: string): Promise<ProjectState> {
    const record = await this.store.load(projectId);
    this.resumeTranscripts(record);
    return {
      projectId,
      backend: 'local',
      summary: summarizeTimeline(record.timeline ?? undefined),
      timeline: record.timeline,
      media: record.media.map((m) => this.mediaInfo(m)),
      lastExport: this.lastExport(record),
      renders: this.renderJobs(record),
    };
  }

  /** The newest finished export: the queue knows of a render that just finished before project.json records it. */
  private lastExport(record: ProjectRecord): ExportInfo | null {
    const live = this.jobs.all().filter((j) => j.projectId === record.id && j.status === 'done').map((j) => j.result);
    const done = [record.lastExport, ...live].filter((e): e is ExportInfo => !!e);
    return done.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)).at(-1) ?? null;
  }

  async storyboard(projectId: string): Promise<Storyboard> {
    const record = await this.store.load(projectId);
    const timeline = record.timeline ?? (await this.plan(record.letter, record.media));
    return drawStoryboard(timeline, this.assetPlaces(record));
  }

  /** The letter's timeline; a message read aloud is spoken first (cached), since its speech sets the captions' times. */
  private async plan(settings: LetterSettings, media: StoredMedia[]): Promise<Timeline> {
    const lines = settings.narration ? splitMessage(settings.message) : [];
    if (lines.length === 0) return planLetter(settings, media);
    const spoken = await narrateLines(lines, settings.pace, this.sharedCache());
    return planLetter(settings, media, spoken.map((line) => line.seconds));
  }

  /** A cache shared by every letter: built-in music, spoken lines. */
  private sharedCache(): string {
    return path.join(this.config.home, 'cache');
  }

  /** Where a project's media, caches and tools are, for preparing its assets. */
  private assetPlaces(record: ProjectRecord) {
    return {
      mediaPath: (id: string) => path.join(this.store.mediaDir(record.id), record.media.find((m) => m.id === id)?.storedAs ?? id),
      mediaSeconds: (id: string) => record.media.find((m) => m.id === id)?.durationSeconds ?? 0,
      projectCache: this.store.cacheDir(record.id),
      sharedCache: this.sharedCache(),
      ffmpeg: this.ffmpeg.ffmpeg,
      spokenLines: (lines: string[], signal?: AbortSignal) => narrateLines(lines, record.letter.pace, this.sharedCache(), signal),
    };
  }

  /**
   * The project's renders: live ones from the queue; remembered ones from project.json, where one
   * that was still queued or rendering belonged to a server that stopped, so it was interrupted.
   */
  private renderJobs(record: ProjectRecord): RenderJobInfo[] {
    const live = this.jobs.all().filter((j) => j.projectId === record.id);
    const remembered = record.renders.filter((r) => !live.some((j) => j.id === r.jobId)).map((r): RenderJobInfo => {
      const status = r.status === 'queued' || r.status === 'rendering' ? 'interrupted' : r.status;
      const error = status === 'interrupted' ? 'The server stopped before this render finished. Call export_video to render again.' : r.error;
      return {
        jobId: r.jobId, status, quality: r.quality, percent: status === 'done' ? 100 : 0, createdAt: r.createdAt,
        ...(r.finishedAt && { finishedAt: r.finishedAt }),
        ...(r.result && { path: r.result.path }),
        ...(r.result?.captionsPath && { captionsPath: r.result.captionsPath }),
        ...(error && { error }),
      };
    });
    const current = live.map((j): RenderJobInfo => ({
      jobId: j.id, status: j.status, quality: j.quality, percent: j.percent, createdAt: j.createdAt,
      ...(j.finishedAt && { finishedAt: j.finishedAt }),
      ...(j.result && { path: j.result.path }),
      ...(j.result?.captionsPath && { captionsPath: j.result.captionsPath }),
      ...(j.error && { error: j.error }),
    }));
    return [...remembered, ...current].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async credits(): Promise<CreditsReport> {
    return {
      backend: 'local', unlimited: true, available: null, frozen: null, total: null,
      message: 'Rendering is free and unlimited: the local engine makes every letter on this computer with ffmpeg, with no account and no credits.',
    };
  }

  async export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
    if (options.cancel) return this.cancelExport(projectId);
    const record = await this.store.load(projectId);
    const timeline = record.timeline ?? (await this.plan(record.letter, record.media));
    const key = renderKey(timeline, record.media, options.quality);

    const previous = await this.finishedRender(record, key);
    if (previous) return { status: 'done', ...previous };
    // A finished job whose file was deleted since is rendered again.
    const running = this.jobs.find(projectId, key);
    const job = running && running.status !== 'done'
      ? running
      : this.jobs.submit(
        { projectId, key, quality: options.quality },
        (jobId, signal, progress) => this.render(jobId, record, timeline, options.quality, signal, progress),
        (j) => this.persistJob(j),
      );
    this.mine.add(job.id);

    await this.jobs.wait(job, options.waitMs ?? this.config.exportWaitMs, ctx.signal, (j) => {
      ctx.progress(j.status === 'queued' ? { percent: 0, message: this.queuedMessage(j) } : { percent: j.percent, message: `Rendering ${j.percent}%` });
    });
    return this.exportResult(job);
  }

  /** A render of exactly this letter that already finished and whose file is still there. */
  private async finishedRender(record: ProjectRecord, key: string): Promise<ExportInfo | undefined> {
    const live = this.jobs.find(record.id, key);
    const result = live?.status === 'done' ? live.result : live ? undefined : record.renders.findLast((r) => r.key === key && r.status === 'done')?.result;
    return result && (await exists(result.path)) ? result : undefined;
  }

  private queuedMessage(job: RenderJob): string {
    const ahead = this.jobs.ahead(job);
    return `Waiting for ${ahead === 1 ? 'another letter' : `${ahead} other letters`} to finish rendering first.`;
  }

  private exportResult(job: RenderJob): ExportResult {
    const again = 'Call export_video again with the same project_id to collect the file (it will not render twice), or get_state to check.';
    switch (job.status) {
      case 'done':
        return { status: 'done', ...job.result! };
      case 'queued':
        return { status: 'queued', jobId: job.id, percent: 0, etaSeconds: null, message: `${this.queuedMessage(job)} ${again}` };
      case 'rendering': {
        const eta = etaSeconds(job);
        return {
          status: 'rendering', jobId: job.id, percent: job.percent, etaSeconds: eta,
          message: `Still rendering: ${job.percent}% done${eta !== null ? `, about ${eta} s left` : ''}. ${again}`,
        };
      }
      case 'cancelled':
        return { status: 'cancelled', jobId: job.id, message: 'The export was cancelled and no video was written. Call export_video to start it again.' };
      default:
        throw new LetterError('render_failed', job.error ?? 'The render failed.');
    }
  }

  private async cancelExport(projectId: string): Promise<ExportResult> {
    await this.store.load(projectId);
    const job = this.jobs.active(projectId);
    if (!job) throw new LetterError('invalid_request', 'Nothing is rendering for this letter, so there is nothing to cancel.');
    this.jobs.cancel(job.id);
    // Wait for ffmpeg to die and its partial file to be removed before saying it is stopped.
    await this.jobs.wait(job, 30_000, new AbortController().signal, () => undefined);
    return { status: 'cancelled', jobId: job.id, message: 'The export was stopped; no video was written. Call export_video to start it again.' };
  }

  /** One render: prepare assets, compile, run ffmpeg into a temp file, rename it into place. */
  private async render(jobId: string, record: ProjectRecord, timeline: Timeline, quality: ExportQuality, signal: AbortSignal, progress: (p: number) => void): Promise<ExportInfo> {
    const projectId = record.id;
    const frame = FRAME_SIZES[timeline.aspect];
    const scale = quality === 'preview' ? 0.5 : 1;
    const width = Math.round((frame.width * scale) / 2) * 2;
    const height = Math.round((frame.height * scale) / 2) * 2;
    const started = Date.now();
    const places = this.assetPlaces(record);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const finalPath = path.join(this.config.outputDir, `${slug(record.letter.title)}-${stamp}-${randomBytes(2).toString('hex')}${quality === 'preview' ? '-preview' : ''}.mp4`);
    await fs.mkdir(this.config.outputDir, { recursive: true });
    const partial = tempSibling(finalPath);
    // Renders share the machine: each gets its share of the cores for its parts.
    const cores = Math.max(1, Math.floor(os.availableParallelism() / this.config.renderConcurrency));
    this.log.debug({ projectId, frames: Math.round(timeline.duration * 30), width, height }, 'ffmpeg render started');
    try {
      const pictures = async (picturesSignal: AbortSignal) => {
        const visuals = await prepareVisuals(timeline, width, height, places, picturesSignal);
        this.log.debug({ projectId, ms: Date.now() - started }, 'pictures and text prepared');
        return visuals;
      };
      const sound = async (soundSignal: AbortSignal) => {
        const begun = Date.now();
        const prepared = await prepareSound(timeline, places, soundSignal);
        this.log.debug({ projectId, ms: Date.now() - begun }, 'sound prepared');
        return prepared;
      };
      const rendered = await renderLetter(timeline, pictures, sound, { path: partial, width, height, quality, motion: this.ffmpeg.motion }, {
        ffmpeg: this.ffmpeg.ffmpeg,
        ffmpegVersion: this.ffmpeg.version,
        cacheDir: this.store.cacheDir(projectId),
        concurrency: cores,
        cores,
        signal,
        onProgress: progress,
      });
      this.log.debug({ projectId, ...rendered }, 'letter parts rendered or reused');
      await fs.rename(partial, finalPath);
    } finally {
      await fs.rm(partial, { force: true });
    }
    const [captionsPath, probe, loudness] = await Promise.all([
      writeCaptions(timeline, finalPath),
      probeMedia(this.ffmpeg.ffprobe, finalPath),
      measureLetterLoudness(this.ffmpeg.ffmpeg, finalPath, signal),
    ]);
    const info: ExportInfo = {
      jobId, path: finalPath, width, height, quality,
      durationSeconds: probe.durationSeconds ?? timeline.duration,
      sizeBytes: (await fs.stat(finalPath)).size,
      renderSeconds: (Date.now() - started) / 1000,
      finishedAt: new Date().toISOString(),
      ...(captionsPath && { captionsPath }),
      // A silent letter has no loudness to report.
      ...(loudness.integrated > SILENT_LUFS && { loudness: { integratedLufs: loudness.integrated, truePeakDbtp: loudness.truePeak } }),
    };
    this.log.info({ projectId, jobId, quality, seconds: Math.round(info.renderSeconds * 10) / 10, path: finalPath }, 'letter rendered');
    return info;
  }

  /** Mirrors a job's status into project.json, so get_state and a restarted server know it. */
  private async persistJob(job: RenderJob): Promise<void> {
    this.logMilestone(job);
    // Renders stopped by a shutdown stay recorded as running, so a restart reports them interrupted.
    if (this.closing) return;
    const entry: RenderRecord = {
      jobId: job.id, key: job.key, status: job.status, quality: job.quality, createdAt: job.createdAt,
      ...(job.finishedAt && { finishedAt: job.finishedAt }),
      ...(job.error && { error: job.error }),
      ...(job.result && { result: job.result }),
    };
    try {
      await this.store.update(job.projectId, async (r) => ({
        record: {
          ...r,
          renders: [...r.renders.filter((x) => x.jobId !== job.id), entry].slice(-MAX_REMEMBERED_RENDERS),
          lastExport: job.status === 'done' && job.result ? job.result : r.lastExport,
        },
        result: undefined,
      }));
      this.changed(job.projectId, job.status === 'done' ? 'exported' : 'render');
    } catch (e) {
      this.log.error({ err: e, jobId: job.id }, 'could not save render status');
    }
  }

  /** A render's turning points, for the log and for clients following it as MCP log messages. */
  private logMilestone(job: RenderJob): void {
    const at = { projectId: job.projectId, jobId: job.id, quality: job.quality };
    if (job.status === 'rendering') this.log.info(at, 'render started');
    else if (job.status === 'failed') this.log.warn({ ...at, error: job.error }, 'render failed');
    else if (job.status === 'cancelled') this.log.info(at, 'render cancelled');
  }

  /** Stops every render (killing ffmpeg, removing partial files); a restart reports them interrupted. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopTranscribing.abort();
    await Promise.all(this.transcribing.values());
    for (const projectId of new Set(this.jobs.all().filter((j) => this.mine.has(j.id)).map((j) => j.projectId))) {
      const job = this.jobs.active(projectId);
      if (job) this.jobs.cancel(job.id);
    }
    await this.jobs.idle();
  }
}

export async function createLocalBackend(config: Config, log: Logger): Promise<LocalBackend> {
  const tools = await locateFfmpeg({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
  log.info({ ffmpeg: tools.ffmpeg, version: tools.version }, 'ffmpeg ready');
  return new LocalBackend(config, log, tools);
}
