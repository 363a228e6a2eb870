import type { FormData } from 'undici';
import type { Auth } from './auth.js';
import { isNemoFailure, NEMO } from './failure.js';
import type { Envelope } from './envelope.js';
import type { Http, NemoRequest, NemoResponse } from './http.js';
import { waitOutRateLimit, withRemedies, type RateLimitOptions, type Remedy } from './retry.js';
import { asObject, pick, pickNumber, pickString, unwrapJsonString, type Obj } from './read.js';

export interface SessionInfo {
  sessionId: string;
  taskId?: string;
  /** The id for the registration link `?bind=<id>`. */
  bindId?: string;
}

export interface RawState {
  /** The compact draft, as sent (null when the project has none yet). */
  draft: unknown;
  videoInfos: unknown[];
  generatedMedia: unknown[];
  bindId?: string;
}

export interface Balance {
  available: number | null;
  frozen: number | null;
  total: number | null;
}

export type RemoteRenderStatus = 'completed' | 'failed' | 'running';

export interface RenderStatusReply {
  status: RemoteRenderStatus;
  /** 0..1 when the server says; null otherwise. */
  progress: number | null;
  url?: string;
  error?: string;
}

export interface NemoApi {
  createSession(language: string): Promise<SessionInfo>;
  uploadFiles(sessionId: string, form: () => FormData): Promise<unknown>;
  uploadUrl(sessionId: string, url: string): Promise<unknown>;
  credits(): Promise<Balance>;
  state(sessionId: string): Promise<RawState>;
  /**
   * Sends one chat message and hands the open reply to `read`. Reading happens inside the retry:
   * a 1001 that arrives in the stream renews the token and sends the message again, once.
   */
  chat<T>(
    sessionId: string,
    text: string,
    signal: AbortSignal,
    read: (response: NemoResponse) => Promise<T>,
  ): Promise<T>;
  /** Starts a render under our id; returns the id to poll (the service's own, when it sends one). */
  startRender(renderId: string, sessionId: string, draft: unknown, quality: RenderQuality): Promise<string>;
  renderStatus(renderId: string): Promise<RenderStatusReply>;
  download(url: string, maxBytes: number, signal?: AbortSignal): Promise<NemoResponse>;
}

export interface ApiOptions extends RateLimitOptions {
  http: Http;
  auth: Auth;
}

/** The render's `output.quality`: the spec names "high"; "low" is its usual other end. */
export type RenderQuality = 'high' | 'low';

/** Keys under which an id fit for `?bind=` may come; the spec only says "from the session or state response". */
const BIND_KEYS = ['bind_id', 'bindId', 'user_id', 'userId', 'uid', 'anonymous_id'] as const;

export function createNemoApi(options: ApiOptions): NemoApi {
  const { http, auth } = options;

  /**
   * Every authenticated call goes through here: on 1001 or HTTP 401 the token is renewed once
   * (same client id) and the call repeated; on HTTP 429 it waits once and repeats. Anything else, or the same
   * refusal a second time, reaches the caller as the LetterError it already is.
   */
  async function authed<T>(
    build: (token: string) => NemoRequest,
    run: (r: NemoRequest) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    let token = await auth.token();
    const renewToken: Remedy = {
      applies: (e) => isNemoFailure(e, NEMO.BAD_TOKEN) || isNemoFailure(e, undefined, 401),
      async repair() {
        options.logger.info('NemoVideo token rejected; renewing once');
        token = await auth.renew(token);
      },
    };
    return withRemedies(() => run(build(token)), [renewToken, waitOutRateLimit(options, signal)]);
  }

  const json = (build: (token: string) => NemoRequest): Promise<Envelope> => authed(build, (r) => http.json(r));

  return {
    async createSession(language) {
      const env = await json((token) => ({
        method: 'POST',
        path: '/api/tasks/me/with-session/nemo_agent',
        token,
        json: { task_name: 'project', language },
      }));
      const data = asObject(env.data) ?? env.raw;
      const sessionId =
        pickString(data, ['session_id', 'sessionId']) ?? pickString(env.raw, ['session_id', 'sessionId']);
      if (!sessionId) throw new Error('NemoVideo created a session but sent no session_id');
      const taskId = pickString(data, ['task_id', 'taskId']);
      // The bind id: an explicit user/bind id when the reply has one, else the task id, else the
      // session id; all three identify this anonymous work on NemoVideo's side.
      const bindId = pickString(data, BIND_KEYS) ?? taskId ?? sessionId;
      return { sessionId, taskId, bindId };
    },

    async uploadFiles(sessionId, form) {
      const env = await json((token) => ({
        method: 'POST',
        path: `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`,
        token,
        form: form(),
      }));
      return env.data;
    },

    async uploadUrl(sessionId, url) {
      const env = await json((token) => ({
        method: 'POST',
        path: `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`,
        token,
        json: { urls: [url], source_type: 'url' },
      }));
      return env.data;
    },

    async credits() {
      const env = await json((token) => ({ method: 'GET', path: '/api/credits/balance/simple', token }));
      const data = asObject(env.data) ?? env.raw;
      const num = (k: string) => pickNumber(data, [k]) ?? null;
      return { available: num('available'), frozen: num('frozen'), total: num('total') };
    },

    async state(sessionId) {
      const env = await json((token) => ({
        method: 'GET',
        path: `/api/state/nemo_agent/me/${encodeURIComponent(sessionId)}/latest`,
        token,
      }));
      const data = asObject(env.data);
      // `data.state.*` per the spec; the fields directly under `data` are accepted too.
      const state = asObject(unwrapJsonString(data?.state)) ?? data;
      const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
      return {
        draft: unwrapJsonString(pick(state, ['draft'])) ?? null,
        videoInfos: list(unwrapJsonString(pick(state, ['video_infos', 'videoInfos']))),
        generatedMedia: list(unwrapJsonString(pick(state, ['generated_media', 'generatedMedia']))),
        bindId: pickString(state, BIND_KEYS) ?? pickString(data, BIND_KEYS),
      };
    },

    chat(sessionId, text, signal, read) {
      return authed(
        (token) => ({
          method: 'POST',
          path: '/run_sse',
          token,
          accept: 'text/event-stream',
          signal,
          json: { app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] } },
        }),
        async (r) => read(await http.send(r)),
        signal,
      );
    },

    async startRender(renderId, sessionId, draft, quality) {
      const env = await json((token) => ({
        method: 'POST',
        path: '/api/render/proxy/lambda',
        token,
        json: { id: renderId, sessionId, draft, output: { format: 'mp4', quality } },
      }));
      return pickString(asObject(env.data), ['id', 'render_id', 'renderId']) ?? renderId;
    },

    async renderStatus(renderId) {
      const env = await json((token) => ({
        method: 'GET',
        path: `/api/render/proxy/lambda/${encodeURIComponent(renderId)}`,
        token,
      }));
      return readRenderStatus(env);
    },

    download(url, maxBytes, signal) {
      return authed(
        (token) => ({ method: 'GET', path: url, token, accept: 'video/mp4,*/*', signal }),
        (r) => http.download(r, maxBytes),
        signal,
      );
    },
  };
}

/** Status, progress and link may sit at the top level or inside `data`: both are read. */
export function readRenderStatus(env: Envelope): RenderStatusReply {
  const data = asObject(env.data);
  const layers: (Obj | undefined)[] = [data, env.raw];
  const first = <T>(read: (o: Obj | undefined) => T | undefined): T | undefined => {
    for (const o of layers) {
      const v = read(o);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const raw = (first((o) => pickString(o, ['status', 'state'])) ?? '').toLowerCase();
  const url =
    first((o) => pickString(asObject(o?.output), ['url', 'download_url'])) ??
    first((o) => pickString(o, ['url', 'download_url', 'output_url']));
  let progress = first((o) => pickNumber(o, ['progress', 'percent']));
  // Progress may be a fraction or a percentage; anything above 1 is read as percent.
  if (progress !== undefined && progress > 1) progress = progress / 100;
  const status: RemoteRenderStatus = ['completed', 'complete', 'done', 'succeeded', 'success'].includes(raw)
    ? 'completed'
    : ['failed', 'error', 'cancelled', 'canceled'].includes(raw)
      ? 'failed'
      : 'running';
  const error = first((o) => pickString(o, ['error', 'error_message', 'errorMessage']));
  return { status, progress: progress === undefined ? null : Math.min(1, Math.max(0, progress)), url, error };
}
