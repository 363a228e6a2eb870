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
import { runChat, type ChatOptions, type ChatOutcome } from './chat.js';
import { isNemoFailure, NEMO, noCreditsError } from './failure.js';
import { translateGuiReply, type GuiAction } from './gui.js';
import { createHttp, DEFAULT_TIMEOUTS, type Http, type HttpTimeouts } from './http.js';
import { checkUrl, prepareBase64, prepareLocalFile, type Prepared } from './intake.js';
import { mediaFromInfo, mediaFromUpload, messageMedia } from './media.js';
import { composeInstruction } from './message.js';
import { Renders, type RenderJob } from './renders.js';
import { languageOf, DEFAULT_LANGUAGE } from './language.js';
import { writePrivateFile } from './private-file.js';
import { ProjectStore, type CloudProject, type MediaSource, type StoredMedia } from './store.js';
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
  /** The largest letter accepted from NemoVideo (200 MB). */
  maxDownloadBytes?: number;
  clientIdFile?: string;
  timeouts?: HttpTimeouts;
  dispatcher?: Dispatcher;
  /** Where this program is installed, for X-Skill-Platform detection. */
  installPath?: string;
}

const sleepAbortable = (ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, signal ? { signal } : undefined).then(() => undefined);

type Link = { url: string; fileName: string; format: string | undefined };
type Source = Prepared | Link;
/** What goes to NemoVideo: a file's bytes or a link (a message stays with us). */
type Sendable = Extract<Prepared, { blob: Blob }> | Link;
type ExportChoice = { job: RenderJob } | { done: ExportResult };

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
  const serially = keyedQueue();

  // Opening the store and resuming renders left pending by an earlier run happens once, first.
  const ready: Promise<{ store: ProjectStore; renders: Renders }> = (async () => {
    const store = await ProjectStore.open(path.join(cloudHome, 'projects.json'));
    const renders = new Renders({ api, store, logger: log, pollMs: config.cloud.pollMs, outputDir: config.outputDir, now, maxDownloadBytes: deps.maxDownloadBytes });
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

  /**
   * The seed's "Automatic Setup": the first call of a run shows "Setting things up…" while it
   * connects, and its reply starts by saying it is connected and ready (once per run).
   */
  let connected = false;
  function settingUp(ctx?: CallContext): void {
    if (!connected) ctx?.progress({ percent: 1, message: 'Setting things up…' });
  }
  function greeting(): string {
    if (connected) return '';
    connected = true;
    return 'Connected to NemoVideo and ready.';
  }

  async function newProject(store: ProjectStore, language: string): Promise<CloudProject> {
    const session = await api.createSession(language);
    const project: CloudProject = {
      projectId: randomUUID(),
      sessionId: session.sessionId,
      bindId: session.bindId,
      language,
      createdAt: new Date(now()).toISOString(),
      media: [],
      renders: [],
      lastExport: null,
    };
    await store.add(project);
    return project;
  }

  /** Sends one file (or link) into a session; the stored reply describes it. */
  function sendSource(sessionId: string, source: Sendable): Promise<unknown> {
    if ('url' in source) return api.uploadUrl(sessionId, source.url);
    const { blob, fileName } = source;
    return api.uploadFiles(sessionId, () => {
      const form = new FormData();
      form.append('files', blob, fileName);
      return form;
    });
  }

  /**
   * NemoVideo lost the session (1002): a new one is opened in the project's language and every
   * uploaded file is sent to it again from where it came from, because the session held them and
   * a letter without its photos is not the person's letter. Files that cannot be sent again (the
   * local file is gone, NemoVideo refuses it now) are dropped from the project and named in a
   * notice for the next reply. The old session's edits cannot be restored: the API has no call to
   * set a draft, so the notice says to ask for the letter again.
   */
  async function reopenSession(store: ProjectStore, project: CloudProject): Promise<void> {
    log.warn({ projectId: project.projectId }, 'NemoVideo lost the session; opening a new one and attaching the files again');
    const session = await api.createSession(project.language ?? DEFAULT_LANGUAGE);
    project.sessionId = session.sessionId;
    project.bindId = session.bindId ?? project.bindId;
    const attached: string[] = [];
    const lost: StoredMedia[] = [];
    for (const media of project.media) {
      if (media.kind === 'message') continue;
      const { source } = media;
      try {
        if (!source) throw new Error('its origin was not recorded');
        const again = 'url' in source ? { url: source.url, fileName: media.fileName, format: media.format } : await prepareLocalFile(source.path);
        if ('kind' in again && again.kind === 'message') throw new Error('the file is no longer a photo, clip or recording');
        await sendSource(project.sessionId, again);
        attached.push(media.fileName);
      } catch (e) {
        log.warn({ file: media.fileName, err: (e as Error).message }, 'a file could not be attached to the new session');
        lost.push(media);
      }
    }
    project.media = project.media.filter((m) => !lost.includes(m));
    const parts = ["NemoVideo had lost this letter's editing session, so a new one was opened."];
    if (attached.length > 0) parts.push(`These files were attached to it again: ${attached.join(', ')}.`);
    if (lost.length > 0) parts.push(`These could not be attached again (the file is gone or was refused) and are no longer part of the letter: ${lost.map((m) => m.fileName).join(', ')}. Upload them again to use them.`);
    parts.push('Edits made before are not in the new session.');
    project.notice = parts.join(' ');
    await store.save();
  }

  /** The project's pending notice, given once. */
  async function takeNotice(store: ProjectStore, project: CloudProject): Promise<string> {
    const notice = project.notice ?? '';
    if (notice) {
      project.notice = undefined;
      await store.save();
    }
    return notice;
  }

  /**
   * Runs a call against the project's session. On 1002 (session not found) the session is
   * reopened with the files once and the call repeated; on 2001 the no-credits reply is made
   * personal (registration link for anonymous users, top-up for account holders).
   */
  async function inSession<T>(store: ProjectStore, project: CloudProject, work: (sessionId: string) => Promise<T>): Promise<T> {
    try {
      try {
        return await work(project.sessionId);
      } catch (e) {
        if (!isNemoFailure(e, NEMO.SESSION_NOT_FOUND)) throw e;
        await reopenSession(store, project);
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

  /** One message through the chat, with drop recovery measured against `before`. */
  function chat(store: ProjectStore, project: CloudProject, text: string, before: RawState, ctx: CallContext): Promise<ChatOutcome> {
    return inSession(store, project, (sessionId) =>
      runChat(chatOptions, {
        sessionId,
        text,
        ctx,
        baseline: JSON.stringify(before.draft),
        fingerprint: async () => JSON.stringify((await api.state(sessionId)).draft),
      }),
    );
  }

  function nameOf(project: CloudProject) {
    return (idOrName: string) => project.media.find((m) => m.id === idOrName)?.fileName ?? idOrName;
  }

  async function prepare(input: UploadInput): Promise<Source> {
    const given = [input.path, input.contentBase64, input.url].filter((v) => v !== undefined && v !== '').length;
    if (given !== 1) throw new LetterError('invalid_request', 'Give exactly one of: a local file path, base64 content with a file name, or a public URL.');
    if (input.path) return prepareLocalFile(input.path);
    if (input.url) return { url: input.url, ...checkUrl(input.url) };
    if (!input.fileName) throw new LetterError('invalid_request', 'Base64 content needs a fileName (for example "mom.jpg") so the file can be named.');
    return prepareBase64(input.contentBase64!, input.fileName);
  }

  /** Where a file can be fetched again after a lost session; base64 content is kept in a private copy. */
  async function keepSource(project: CloudProject, input: UploadInput, source: Sendable): Promise<MediaSource> {
    if ('url' in source) return { url: source.url };
    if (input.path) return { path: path.resolve(input.path) };
    const copy = path.join(cloudHome, 'media', project.projectId, `${randomUUID()}${path.extname(source.fileName)}`);
    await writePrivateFile(copy, Buffer.from(await source.blob.arrayBuffer()));
    return { path: copy };
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

  /**
   * Which render answers an export of the letter as it is now. A render of the same draft is
   * joined (running) or its file returned (done); a render of an older draft is stopped being
   * followed and a new one started, so an export after an edit never returns the old letter.
   * Runs one at a time per project: two exports at once share one render.
   */
  function chooseRender(store: ProjectStore, renders: Renders, project: CloudProject, quality: ExportOptions['quality'], ctx: CallContext): Promise<ExportChoice> {
    return serially(project.projectId, async () => {
      ctx.progress({ percent: 2, message: 'Reading the timeline from NemoVideo…' });
      const raw = await fetchState(store, project);
      const timeline = draftToTimeline(raw.draft);
      if (!timeline || !timeline.tracks.some((t) => t.segments.length > 0)) {
        const notice = await takeNotice(store, project);
        throw new LetterError('nothing_to_render', `${notice ? `${notice} ` : ''}There is nothing to export yet: upload photos and call generate_letter first.`);
      }
      const hash = draftHash(raw.draft);
      const active = renders.active(project.projectId);
      if (active && active.record.draftHash === hash) return { job: active };
      if (active) await renders.cancel(active, 'Replaced by a render of the letter as it was edited since; export_video returns that one.');
      // A render of this draft that lost contact (or this process restarted mid-poll): follow it again.
      const pending = [...project.renders].reverse().find((r) => r.draftHash === hash && (r.status === 'interrupted' || r.status === 'queued' || r.status === 'rendering'));
      if (pending) return { job: renders.follow(project, pending, true) };
      const same = [...project.renders].reverse().find((r) => r.draftHash === hash && r.status === 'done');
      // The same draft was already rendered and its file is still there: no second render.
      const last = project.lastExport;
      if (same?.path && last?.jobId === same.renderId && (await fileExists(same.path))) return { done: { status: 'done', ...last } };
      ctx.progress({ percent: 5, message: 'Starting the cloud render…' });
      return { job: await inSession(store, project, () => renders.start(project, raw.draft, hash, quality)) };
    });
  }

  async function exportProject(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
    const { store, renders } = await ready;
    const project = store.get(projectId);
    if (options.cancel) {
      const pending = [...project.renders].reverse().find((r) => r.status === 'queued' || r.status === 'rendering');
      const job = renders.active(projectId) ?? (pending && renders.follow(project, pending, true));
      if (!job) throw new LetterError('invalid_request', 'No cloud render is running for this project, so there is nothing to cancel.');
      await renders.cancel(job);
      return {
        status: 'cancelled',
        jobId: job.record.renderId,
        message: `Stopped following render ${job.record.renderId}. NemoVideo has no way to stop a render, so it may still finish on its side; call export_video to render again.`,
      };
    }
    const choice = await chooseRender(store, renders, project, options.quality, ctx);
    if ('done' in choice) return choice.done;
    await renders.waitFor(choice.job, options.waitMs ?? config.exportWaitMs, ctx);
    return resultOf(project, choice.job);
  }

  /** What the person sees of an export the agent's "Export button" started. */
  function exportSentence(r: ExportResult): string {
    if (r.status === 'done') return `I exported the letter for you: ${r.path} (${r.width}x${r.height}, ${r.durationSeconds.toFixed(1)} s).`;
    return r.message;
  }

  /**
   * Performs what the agent's GUI-style sentences asked for (see gui.ts) and returns what the
   * person should read about each. An edit it asked for is sent through the chat once; what that
   * second reply says is shown, but its own GUI requests are not followed again (no loops).
   */
  async function actOnGui(store: ProjectStore, project: CloudProject, actions: GuiAction[], after: RawState, ctx: CallContext): Promise<{ said: string[]; after: RawState }> {
    const said: string[] = [];
    const edit = actions.find((a): a is Extract<GuiAction, { kind: 'edit' }> => a.kind === 'edit');
    if (edit) {
      ctx.progress({ percent: 60, message: 'Making the change NemoVideo pointed to…' });
      const asked = `I asked NemoVideo to do that for you ("${edit.instruction.replaceAll('\n', ' ')}").`;
      // The person's own edit already went through: a failing follow-up is reported, not thrown.
      const outcome = await chat(store, project, edit.instruction, after, ctx).catch(reportedIfLetterError);
      if (typeof outcome === 'string') said.push(asked, `It did not go through: ${outcome}`);
      else {
        const next = await fetchState(store, project);
        const changes = describeChanges(draftToTimeline(after.draft), draftToTimeline(next.draft));
        const words = outcome.text ? translateGuiReply(outcome.text).text : '';
        said.push(asked, words, changes.length > 0 ? `What changed: ${changes.join(' ')}` : 'The timeline did not change.');
        after = next;
      }
    }
    const summary = summarizeTimeline(draftToTimeline(after.draft) ?? undefined);
    for (const action of actions) {
      if (action.kind === 'summary') said.push(`Current timeline: ${summary}`);
      if (action.kind === 'state') {
        const files = project.media.filter((m) => m.kind !== 'message').map((m) => m.fileName);
        said.push(`Here is the letter now: ${summary}${files.length > 0 ? ` Files: ${files.join(', ')}.` : ''}`);
      }
      if (action.kind === 'credits') said.push((await credits()).message);
      if (action.kind === 'upload') said.push('To add a file, send it to me (a photo, clip or recording) and I will upload it.');
    }
    if (actions.some((a) => a.kind === 'export')) {
      ctx.progress({ percent: 80, message: 'Exporting the letter, as NemoVideo suggested…' });
      const r = await exportProject(project.projectId, { quality: 'final' }, ctx).catch(reportedIfLetterError);
      said.push(typeof r === 'string' ? `The export did not start: ${r}` : exportSentence(r));
    }
    return { said: said.filter(Boolean), after };
  }

  async function credits(): Promise<CreditsReport> {
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
  }

  const sentences = (...parts: string[]) => parts.filter(Boolean).join(' ');

  return {
    name: 'cloud',

    async upload(input, ctx) {
      const { store } = await ready;
      // Every check on the file happens before a session is created or a byte is sent.
      const prepared = await prepare(input);
      settingUp(ctx);
      const hint = languageOf('kind' in prepared && prepared.kind === 'message' ? prepared.text : prepared.fileName);
      const project = input.projectId ? store.get(input.projectId) : await newProject(store, hint ?? DEFAULT_LANGUAGE);
      if ('kind' in prepared && prepared.kind === 'message') {
        project.message = prepared.text;
        const media = messageMedia(prepared);
        project.media.push(media);
        await store.save();
        const note = sentences(greeting(), await takeNotice(store, project), "The text became the letter's message; it goes to NemoVideo with the next generate_letter.");
        return { projectId: project.projectId, media, note };
      }
      ctx.progress({ percent: 10, message: `Uploading ${prepared.fileName} to NemoVideo…` });
      const data = await inSession(store, project, (sid) => sendSource(sid, prepared));
      const sent = 'url' in prepared ? { fileName: prepared.fileName, format: prepared.format, sizeBytes: 0 } : prepared;
      const media: MediaInfo = mediaFromUpload(data, sent);
      project.media.push({ ...media, source: await keepSource(project, input, prepared) });
      await store.save();
      ctx.progress({ percent: 100, message: `Uploaded ${media.fileName}.` });
      const note = sentences(greeting(), await takeNotice(store, project));
      return { projectId: project.projectId, media, ...(note && { note }) } satisfies UploadResult;
    },

    async generate(projectId: string, request: LetterRequest, ctx: CallContext): Promise<GenerateResult> {
      const { store } = await ready;
      const project = store.get(projectId);
      settingUp(ctx);
      project.language = languageOf(request.instruction ?? request.message) ?? project.language;
      ctx.progress({ percent: 5, message: 'Sending the request to NemoVideo…' });
      const before = await fetchState(store, project);
      const text = composeInstruction(request, project.message, nameOf(project));
      const outcome = await chat(store, project, text, before, ctx);
      if (project.message && !request.message) project.message = undefined;
      await store.save();
      ctx.progress({ percent: 50, message: 'Reading the updated timeline…' });
      const translated = translateGuiReply(outcome.text);
      const acted = await actOnGui(store, project, translated.actions, await fetchState(store, project), ctx);
      const timeline = draftToTimeline(acted.after.draft) ?? EMPTY_TIMELINE;
      const summary = summarizeTimeline(timeline);
      const changes = describeChanges(draftToTimeline(before.draft), timeline);
      let words = translated.text;
      if (!outcome.text) {
        // About 30% of edits end without a word: the state tells what happened.
        const lead = outcome.recovered ? 'The connection dropped, but NemoVideo applied the edit.' : 'NemoVideo applied the edit without a message.';
        words = changes.length > 0 ? `${lead} What changed: ${changes.join(' ')}` : 'NemoVideo finished without a message and the timeline did not change. Try the request again, worded more concretely.';
      }
      const reply = sentences(greeting(), await takeNotice(store, project), words, ...acted.said);
      return { projectId, changes, reply, timeline, summary };
    },

    async state(projectId: string): Promise<ProjectState> {
      const { store } = await ready;
      const project = store.get(projectId);
      const raw = await fetchState(store, project);
      const timeline = draftToTimeline(raw.draft);
      const cloudMedia = [...raw.videoInfos, ...raw.generatedMedia].map(mediaFromInfo).filter((m): m is MediaInfo => m !== undefined);
      const media = cloudMedia.length > 0 ? [...cloudMedia, ...project.media.filter((m) => m.kind === 'message')] : project.media.map(({ source: _, ...m }) => m);
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
      const report = await credits();
      return { ...report, message: sentences(greeting(), report.message) };
    },

    export: exportProject,

    async close() {
      const { renders } = await ready.catch(() => ({ renders: undefined }));
      await renders?.close();
      await http.close();
    },
  };
}

/** A problem a person can act on becomes its sentence; anything else stays an error. */
function reportedIfLetterError(e: unknown): string {
  if (e instanceof LetterError) return e.message;
  throw e;
}

/** Runs work one at a time per key (a project), in call order. */
function keyedQueue(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    tails.set(key, run);
    void run
      .catch(() => undefined)
      .then(() => {
        if (tails.get(key) === run) tails.delete(key);
      });
    return run;
  };
}
