import { Agent, FormData, request, type Dispatcher } from 'undici';
import { LetterError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { failureFor, NEMO, readCode } from './failure.js';

export interface HttpTimeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From sending the request to the response headers. */
  headersMs: number;
  /** Longest silence between two body chunks; SSE heartbeats keep a long stream under it. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 5 * 60_000 };

export interface HttpOptions {
  apiUrl: string;
  attribution: Record<string, string>;
  logger: Logger;
  timeouts?: HttpTimeouts;
  /** Tests may pass their own undici dispatcher; otherwise an Agent with our timeouts. */
  dispatcher?: Dispatcher;
}

export interface NemoRequest {
  method: 'GET' | 'POST';
  /** A path under the API base, or an absolute URL (a render's download link). */
  path: string;
  /** Bearer token; absent only for the anonymous-token call. */
  token?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  accept?: string;
  signal?: AbortSignal;
}

export interface NemoResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** The envelope every JSON reply carries: `{code, message, data}`; code 0 is success. */
export interface Envelope {
  code: number | null;
  message: string | undefined;
  data: unknown;
  /** The whole parsed body, for replies (render status) that put fields at the top level. */
  raw: Record<string, unknown>;
}

export interface Http {
  /** Sends a request and returns the raw response; refusals become NemoFailure. */
  send(req: NemoRequest): Promise<NemoResponse>;
  /** Sends a request and decodes the JSON envelope; a non-zero code becomes NemoFailure. */
  json(req: NemoRequest): Promise<Envelope>;
  close(): Promise<void>;
}

export function createHttp(options: HttpOptions): Http {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const ownAgent = options.dispatcher
    ? undefined
    : new Agent({ connect: { timeout: timeouts.connectMs }, headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs });
  const dispatcher = options.dispatcher ?? ownAgent!;
  const base = new URL(options.apiUrl);

  function urlFor(path: string): URL {
    return /^https?:\/\//i.test(path) ? new URL(path) : new URL(options.apiUrl + (path.startsWith('/') ? path : `/${path}`));
  }

  async function send(req: NemoRequest): Promise<NemoResponse> {
    const url = urlFor(req.path);
    const headers: Record<string, string> = { ...options.attribution, accept: req.accept ?? 'application/json', ...req.headers };
    // The bearer token goes only to the API's own origin: a download link may point at a storage
    // host that must never see it (and presigned storage URLs reject a second credential anyway).
    if (req.token && url.origin === base.origin) headers.authorization = `Bearer ${req.token}`;
    let body: string | FormData | undefined;
    if (req.form) body = req.form;
    else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const started = Date.now();
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: req.method,
        headers,
        body,
        signal: req.signal,
        dispatcher,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
    } catch (e) {
      if (req.signal?.aborted) throw req.signal.reason ?? e;
      throw unreachable(url, e);
    }
    // Method, path and status only: headers carry the token and are never logged.
    options.logger.debug({ method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started }, 'nemo request');
    if (res.statusCode >= 400) {
      const text = await res.body.text().catch(() => '');
      const envelope = parseEnvelope(text);
      throw failureFor(res.statusCode, envelope?.code ?? null, envelope?.message);
    }
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }

  async function json(req: NemoRequest): Promise<Envelope> {
    const res = await send(req);
    const text = await res.body.text();
    const envelope = parseEnvelope(text);
    if (!envelope) {
      throw new LetterError('cloud_error', `NemoVideo sent a reply that is not JSON (HTTP ${res.status}) for ${urlFor(req.path).pathname}. Check NEMO_API_URL points at the NemoVideo API, then try again.`);
    }
    if (envelope.code !== null && envelope.code !== NEMO.OK) throw failureFor(res.status, envelope.code, envelope.message);
    return envelope;
  }

  return {
    send,
    json,
    async close() {
      await ownAgent?.close();
    },
  };
}

/**
 * Reads `{code, message, data}`. Replies without an envelope (a bare object) are accepted as data
 * with no code, because the render endpoints may answer that way (the spec says "read both").
 */
export function parseEnvelope(text: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const raw = parsed as Record<string, unknown>;
  const message = typeof raw.message === 'string' ? raw.message : typeof raw.msg === 'string' ? raw.msg : undefined;
  return { code: readCode(raw.code), message, data: 'data' in raw ? raw.data : raw, raw };
}

function unreachable(url: URL, e: unknown): LetterError {
  const code = (e as { code?: string } | null)?.code ?? '';
  const why: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
    UND_ERR_HEADERS_TIMEOUT: 'it did not answer in time',
    UND_ERR_BODY_TIMEOUT: 'it stopped sending in the middle of a reply',
    UND_ERR_SOCKET: 'the connection dropped',
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ENOTFOUND: 'the host name was not found',
    EAI_AGAIN: 'the host name could not be looked up',
  };
  return new LetterError('cloud_unavailable', `Could not reach NemoVideo at ${url.host}: ${why[code] ?? 'the network request failed'}. Check the internet connection and NEMO_API_URL, then try again.`);
}
