import { createHash, randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { FormData, type Dispatcher } from 'undici';
import type { Config } from '../../config.js';
import { LetterError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { summarizeTimeline } from '../../timeline/summary.js';
import type { Backend, CallContext, CreditsReport, ExportOptions, ExportResult, GenerateResult, LetterRequest, MediaInfo, ProjectState, UploadInput, UploadResult } from '../backend.js';
import { createNemoApi, type NemoApi, type RawState } from './api.js';
import { attributionHeaders } from './attribution.js';
import { createAuth, DEFAULT_CLIENT_ID_FILE, type Auth } from './auth.js';
import { runChat, type ChatOptions } from './chat.js';
import { isNemoFailure, NEMO, noCreditsError } from './failure.js';
import { translateGuiReply } from './gui.js';
import { createHttp, DEFAULT_TIMEOUTS, type Http, type HttpTimeouts } from './http.js';
import { checkUrl, prepareBase64, prepareLocalFile, type Prepared } from './intake.js';
import { mediaFromInfo, mediaFromUpload, messageMedia } from './media.js';
import { composeInstruction } from './message.js';
import { Renders, type RenderJob } from './renders.js';
import { ProjectStore, type CloudProject } from './store.js';
import { describeChanges, draftToTimeline, EMPTY_TIMELINE } from './wire.js';

/** What tests (and only tests) change: waits, limits, files, the network layer. */
export interface CloudDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** The wait after HTTP 429 before the one retry (30 s). */
  rateLimitWaitMs?: number;
  /** After a dropped chat stream: the wait before each state check (30 s) and how many (5). */
  recoveryWaitMs?: number;
  recoveryPolls?: number;
  /** The longest a chat stream may stay open (15 minutes). */
  chatCapMs?: number;
  clientIdFile?: string;
  timeouts?: HttpTimeouts;
  dispatcher?: Dispatcher;
  /** Where this program is installed, for X-Skill-Platform detection. */
  installPath?: string;
  /** The session language sent to NemoVideo; defaults to the system locale's language. */
  language?: string;
}

const sleepAbortable = (ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, signal ? { signal } : undefined).then(() => undefined);

function systemLanguage(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale.split('-')[0] || 'en';
}

/**
 * The NemoVideo cloud behind the Backend interface: a project is a NemoVideo session, edits go
 * through its chat agent, renders happen on its servers and are downloaded into the output folder.
 */
export function createCloudBackend(config: Config, logger: Logger, deps: CloudDeps = {}): Backend {
  const log = logger.child({ backend: 'cloud' });
  const sleep = deps.sleep ?? sleepAbortable;
  const now = deps.now ?? Date.now;
  const rateLimitWaitMs = deps.rateLimitWaitMs ?? 30_000;
  const cloudHome = path.join(config.home, 'cloud');
  const http: Http = createHttp({
    apiUrl: config.cloud.apiUrl,
    attribution: attributionHeaders(config.cloud.platform, deps.installPath),
    logger: log,
    timeouts: deps.timeouts ?? DEFAULT_TIMEOUTS,
    dispatcher: deps.dispatcher,
  });
  const auth: Auth = createAuth({
    http,
    logger: log,
    token: config.cloud.token,
    clientId: config.cloud.clientId,
    clientIdFile: deps.clientIdFile ?? DEFAULT_CLIENT_ID_FILE,
    tokenFile: path.join(cloudHome, 'token.json'),
    rateLimitWaitMs,
    sleep,
    now,
  });
  const api: NemoApi = createNemoApi({ http, auth, logger: log, rateLimitWaitMs, sleep });
  const chatOptions: ChatOptions = {
    api,
    logger: log,
    heartbeatMs: config.cloud.heartbeatMs,
    capMs: deps.chatCapMs ?? 15 * 60_000,
    recoveryWaitMs: deps.recoveryWaitMs ?? 30_000,
    recoveryPolls: deps.recoveryPolls ?? 5,
    sleep,
  };
  const language = deps.language ?? systemLanguage();

  // Opening the store and resuming renders left pending by an earlier run happens once, first.
  const ready: Promise<{ store: ProjectStore; renders: Renders }> = (async () => {
    const store = await ProjectStore.open(path.join(cloudHome, 'projects.json'));
    const renders = new Renders({ api, store, logger: log, pollMs: config.cloud.pollMs, outputDir: config.outputDir, now });
    for (const project of store.all()) {
      for (const record of project.renders) {
        if (record.status === 'queued' || record.status === 'rendering') {
          log.info({ renderId: record.renderId }, 'resuming a cloud render left pending');
          renders.follow(project, record, true);
        }
      }
    }
    return { store, renders };
  })();
  // Marked handled here so a failure is not a crash at start-up; every call awaits `ready` and
  // reports the failure as its own error.
  ready.catch(() => undefined);

  async function newProject(store: ProjectStore): Promise<CloudProject> {
    const session = await api.createSession(language);
    const project: CloudProject = {
      projectId: randomUUID(),
      sessionId: session.sessionId,
      bindId: session.bindId,
      createdAt: new Date(now()).toISOString(),
      media: [],
      renders: [],
      lastExport: null,
    };
    await store.add(project);
    return project;
  }

  /**
   * Runs a call against the project's session. On 1002 (session not found) the project gets a
   * new session once and the call is repeated; on 2001 the no-credits reply is made personal
   * (registration link for anonymous users, top-up for account holders).
   */
  async function inSession<T>(store: ProjectStore, project: CloudProject, work: (sessionId: string) => Promise<T>): Promise<T> {
    try {
      try {
        return await work(project.sessionId);
      } catch (e) {
        if (!isNemoFailure(e, NEMO.SESSION_NOT_FOUND)) throw e;
        log.warn({ projectId: project.projectId }, 'NemoVideo lost the session; starting a new one once');
        const session = await api.createSession(language);
        project.sessionId = session.sessionId;
        project.bindId = session.bindId ?? project.bindId;
        await store.save();
        return await work(project.sessionId);
      }
    } catch (e) {
      if (isNemoFailure(e, NEMO.NO_CREDITS)) throw noCreditsError(auth.anonymous, config.cloud.webUrl, project.bindId);
      throw e;
    }
  }

  async function fetchState(store: ProjectStore, project: CloudProject): Promise<RawState> {
    const raw = await inSession(store, project, (sid) => api.state(sid));
    if (raw.bindId && raw.bindId !== project.bindId) {
      project.bindId = raw.bindId;
      await store.save();
    }
    return raw;
  }

  function nameOf(project: CloudProject) {
    return (idOrName: string) => project.media.find((m) => m.id === idOrName)?.fileName ?? idOrName;
  }

  async function prepare(input: UploadInput): Promise<Prepared | { url: string; fileName: string; format: string | undefined }> {
    const given = [input.path, input.contentBase64, input.url].filter((v) => v !== undefined && v !== '').length;
    if (given !== 1) throw new LetterError('invalid_request', 'Give exactly one of: a local file path, base64 content with a file name, or a public URL.');
    if (input.path) return prepareLocalFile(input.path);
    if (input.url) return { url: input.url, ...checkUrl(input.url) };
    if (!input.fileName) throw new LetterError('invalid_request', 'Base64 content needs a fileName (for example "mom.jpg") so the file can be named.');
    return prepareBase64(input.contentBase64!, input.fileName);
  }

  function draftHash(draft: unknown): string {
    return createHash('sha256').update(JSON.stringify(draft)).digest('hex');
  }

  async function fileExists(file: string): Promise<boolean> {
    return access(file).then(
      () => true,
      () => false,
    );
  }

  function rendering(job: RenderJob): ExportResult {
    const r = job.record;
    const elapsed = (now() - Date.parse(r.createdAt)) / 1000;
    // Only a reported progress gives an honest estimate: remaining time in proportion.
    const etaSeconds = r.percent > 0 && r.percent < 100 ? Math.max(1, Math.round((elapsed * (100 - r.percent)) / r.percent)) : null;
    return {
      status: 'rendering',
      jobId: r.renderId,
      percent: r.percent,
      etaSeconds,
      message: `NemoVideo is rendering the letter (${r.percent}%; cloud renders take 30-90 s). It keeps going: call export_video again to check on render ${r.renderId}.`,
    };
  }

  function resultOf(project: CloudProject, job: RenderJob): ExportResult {
    const r = job.record;
    if (r.status === 'done' && project.lastExport?.jobId === r.renderId) return { status: 'done', ...project.lastExport };
    if (r.status === 'failed' || r.status === 'interrupted' || r.status === 'cancelled') {
      return { status: r.status, jobId: r.renderId, message: r.error ?? `Render ${r.renderId} ended (${r.status}). Call export_video again to retry.` };
    }
    return rendering(job);
  }

  return {
    name: 'cloud',

    async upload(input, ctx) {
      const { store } = await ready;
      // Every check on the file happens before a session is created or a byte is sent.
      const prepared = await prepare(input);
      const project = input.projectId ? store.get(input.projectId) : await newProject(store);
      if ('kind' in prepared && prepared.kind === 'message') {
        project.message = prepared.text;
        const media = messageMedia(prepared);
        project.media.push(media);
        await store.save();
        return { projectId: project.projectId, media, note: "The text became the letter's message; it goes to NemoVideo with the next generate_letter." };
      }
      ctx.progress({ percent: 10, message: `Uploading ${prepared.fileName} to NemoVideo…` });
      let data: unknown;
      let sent: { fileName: string; format: string | undefined; sizeBytes: number };
      if ('url' in prepared) {
        const url = prepared.url;
        data = await inSession(store, project, (sid) => api.uploadUrl(sid, url));
        sent = { fileName: prepared.fileName, format: prepared.format, sizeBytes: 0 };
      } else {
        const file = prepared;
        data = await inSession(store, project, (sid) =>
          api.uploadFiles(sid, () => {
            const form = new FormData();
            form.append('files', file.blob, file.fileName);
            return form;
          }),
        );
        sent = file;
      }
      const media: MediaInfo = mediaFromUpload(data, sent);
      project.media.push(media);
      await store.save();
      ctx.progress({ percent: 100, message: `Uploaded ${media.fileName}.` });
      return { projectId: project.projectId, media } satisfies UploadResult;
    },

    async generate(projectId: string, request: LetterRequest, ctx: CallContext): Promise<GenerateResult> {
      const { store } = await ready;
      const project = store.get(projectId);
      ctx.progress({ percent: 5, message: 'Sending the request to NemoVideo…' });
      const before = await fetchState(store, project);
      const timelineBefore = draftToTimeline(before.draft);
      const text = composeInstruction(request, project.message, nameOf(project));
      const outcome = await inSession(store, project, (sessionId) =>
        runChat(chatOptions, {
          sessionId,
          text,
          ctx,
          baseline: JSON.stringify(before.draft),
          fingerprint: async () => JSON.stringify((await api.state(sessionId)).draft),
        }),
      );
      if (project.message && !request.message) {
        project.message = undefined;
        await store.save();
      }
      ctx.progress({ percent: 95, message: 'Reading the updated timeline…' });
      const after = await fetchState(store, project);
      const timeline = draftToTimeline(after.draft) ?? EMPTY_TIMELINE;
      const summary = summarizeTimeline(timeline);
      const changes = describeChanges(timelineBefore, timeline);
      let reply: string;
      if (outcome.text) {
        const translated = translateGuiReply(outcome.text);
        reply = translated.text;
        if (translated.actions.includes('summary') || translated.actions.includes('state')) reply = `${reply} Current timeline: ${summary}`.trim();
      } else {
        // About 30% of edits end without a word: the state tells what happened.
        const lead = outcome.recovered ? 'The connection dropped, but NemoVideo applied the edit.' : 'NemoVideo applied the edit without a message.';
        reply = changes.length > 0 ? `${lead} What changed: ${changes.join(' ')}` : 'NemoVideo finished without a message and the timeline did not change. Try the request again, worded more concretely.';
      }
      return { projectId, changes, reply, timeline, summary };
    },

    async state(projectId: string): Promise<ProjectState> {
      const { store } = await ready;
      const project = store.get(projectId);
      const raw = await fetchState(store, project);
      const timeline = draftToTimeline(raw.draft);
      const cloudMedia = [...raw.videoInfos, ...raw.generatedMedia].map(mediaFromInfo).filter((m): m is MediaInfo => m !== undefined);
      const media = cloudMedia.length > 0 ? [...cloudMedia, ...project.media.filter((m) => m.kind === 'message')] : project.media;
      return {
        projectId,
        backend: 'cloud',
        summary: summarizeTimeline(timeline ?? undefined),
        timeline,
        media,
        lastExport: project.lastExport,
        renders: project.renders.map(({ renderId, status, quality, percent, createdAt, finishedAt, path: file, error }) => ({
          jobId: renderId,
          status,
          quality,
          percent,
          createdAt,
          ...(finishedAt ? { finishedAt } : {}),
          ...(file ? { path: file } : {}),
          ...(error ? { error } : {}),
        })),
      };
    },

    async credits(): Promise<CreditsReport> {
      const b = await api.credits().catch((e: unknown) => {
        if (isNemoFailure(e, NEMO.NO_CREDITS)) throw noCreditsError(auth.anonymous, config.cloud.webUrl, undefined);
        throw e;
      });
      const parts = [`NemoVideo credits: ${b.available ?? 'unknown'} available`];
      if (b.frozen) parts.push(`${b.frozen} held for running jobs`);
      if (b.total !== null) parts.push(`${b.total} in total`);
      const tail = auth.anonymous
        ? ` These are free anonymous credits; register at ${config.cloud.webUrl} to keep your work and get more.`
        : '';
      return {
        backend: 'cloud',
        unlimited: false,
        available: b.available,
        frozen: b.frozen,
        total: b.total,
        message: `${parts.join(', ')}. Edits use credits; exporting is free.${tail}`,
      };
    },

    async export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
      const { store, renders } = await ready;
      const project = store.get(projectId);
      let job = renders.active(projectId);
      if (!job) {
        // A render lost contact (or this process restarted mid-poll): follow the same id again.
        const pending = [...project.renders].reverse().find((r) => r.status === 'interrupted' || r.status === 'queued' || r.status === 'rendering');
        if (pending && !options.cancel) job = renders.follow(project, pending, true);
      }
      if (options.cancel) {
        if (!job) throw new LetterError('invalid_request', 'No cloud render is running for this project, so there is nothing to cancel.');
        await renders.cancel(job);
        return {
          status: 'cancelled',
          jobId: job.record.renderId,
          message: `Stopped following render ${job.record.renderId}. NemoVideo has no way to stop a render, so it may still finish on its side; call export_video to render again.`,
        };
      }
      if (!job) {
        ctx.progress({ percent: 2, message: 'Reading the timeline from NemoVideo…' });
        const raw = await fetchState(store, project);
        const timeline = draftToTimeline(raw.draft);
        if (!timeline || !timeline.tracks.some((t) => t.segments.length > 0)) {
          throw new LetterError('nothing_to_render', 'There is nothing to export yet: upload photos and call generate_letter first.');
        }
        const hash = draftHash(raw.draft);
        const same = [...project.renders].reverse().find((r) => r.draftHash === hash && r.status === 'done');
        // The same draft was already rendered and its file is still there: no second render.
        const last = project.lastExport;
        if (same?.path && last?.jobId === same.renderId && (await fileExists(same.path))) return { status: 'done', ...last };
        ctx.progress({ percent: 5, message: 'Starting the cloud render…' });
        job = await inSession(store, project, () => renders.start(project, raw.draft, hash, options.quality));
      }
      await renders.waitFor(job, options.waitMs ?? config.exportWaitMs, ctx);
      return resultOf(project, job);
    },

    async close() {
      const { renders } = await ready.catch(() => ({ renders: undefined }));
      await renders?.close();
      await http.close();
    },
  };
}
