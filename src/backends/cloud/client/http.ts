import { Readable } from 'node:stream';
import { Agent, FormData, request, type Dispatcher } from 'undici';
import { LetterError } from '../../../core/errors.js';
import type { Logger } from '../../../log.js';
import { capStream, drop, MAX_ERROR_BYTES, MAX_JSON_BYTES, readCapped, tooLarge } from './body.js';
import { parseEnvelope, type Envelope } from './envelope.js';
import { ConnectionLost, failureFor, NEMO } from './failure.js';

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
  /** Read it with `readCapped` or as a stream; never whole without a bound. */
  body: Readable;
}

export interface Http {
  /** Sends a request to the API and returns the raw response; refusals become NemoFailure. */
  send(req: NemoRequest): Promise<NemoResponse>;
  /** Sends a request and decodes the JSON envelope; a non-zero code becomes NemoFailure. */
  json(req: NemoRequest): Promise<Envelope>;
  /**
   * Fetches a file (a render's download link), following the storage host's redirects. The body
   * ends in an error once it passes `maxBytes`.
   */
  download(req: NemoRequest, maxBytes: number): Promise<NemoResponse>;
  close(): Promise<void>;
}

/** Storage links (presigned URLs) may redirect a few times; more is a loop. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createHttp(options: HttpOptions): Http {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const ownAgent = options.dispatcher
    ? undefined
    : new Agent({
        connect: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
  const dispatcher = options.dispatcher ?? ownAgent!;
  const base = new URL(options.apiUrl);

  function urlFor(path: string): URL {
    return /^https?:\/\//i.test(path)
      ? new URL(path)
      : new URL(options.apiUrl + (path.startsWith('/') ? path : `/${path}`));
  }

  /**
   * One request, no redirects followed (undici's default). The bearer token goes only to the
   * API's own origin, and only when `withToken` holds: a download link may point at a storage host
   * that must never see it (presigned storage URLs reject a second credential anyway).
   */
  async function exchange(req: NemoRequest, url: URL, withToken: boolean): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = {
      ...options.attribution,
      accept: req.accept ?? 'application/json',
      ...req.headers,
    };
    if (req.token && withToken && url.origin === base.origin) headers.authorization = `Bearer ${req.token}`;
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
    // Method, host, path and status only: headers carry the token and are never logged.
    options.logger.debug(
      { method: req.method, host: url.host, path: url.pathname, status: res.statusCode, ms: Date.now() - started },
      'nemo request',
    );
    if (res.statusCode >= 400) {
      const text = await readCapped(res.body, MAX_ERROR_BYTES, 'truncate').catch(() => '');
      const envelope = parseEnvelope(text);
      throw failureFor(res.statusCode, envelope?.code ?? null, envelope?.message);
    }
    return res;
  }

  async function send(req: NemoRequest): Promise<NemoResponse> {
    const url = urlFor(req.path);
    const res = await exchange(req, url, true);
    if (res.statusCode >= 300) {
      drop(res.body);
      throw new LetterError(
        'cloud_error',
        `NemoVideo answered ${url.pathname} with a redirect (HTTP ${res.statusCode}), which API calls never follow. Check that NEMO_API_URL is the API's own address, then try again.`,
      );
    }
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }

  async function json(req: NemoRequest): Promise<Envelope> {
    const res = await send(req);
    const text = await readCapped(res.body, MAX_JSON_BYTES);
    const envelope = parseEnvelope(text);
    if (!envelope) {
      throw new LetterError(
        'cloud_error',
        `NemoVideo sent a reply that is not JSON (HTTP ${res.status}) for ${urlFor(req.path).pathname}. Check NEMO_API_URL points at the NemoVideo API, then try again.`,
      );
    }
    if (envelope.code !== null && envelope.code !== NEMO.OK)
      throw failureFor(res.status, envelope.code, envelope.message);
    return envelope;
  }

  async function download(req: NemoRequest, maxBytes: number): Promise<NemoResponse> {
    let url = urlFor(req.path);
    for (let hop = 0; ; hop++) {
      // Only the link NemoVideo gave us may carry the token (and only on the API's origin); a
      // redirect never does, wherever it points.
      const res = await exchange(req, url, hop === 0);
      if (!REDIRECTS.has(res.statusCode)) {
        if (res.statusCode >= 300) {
          drop(res.body);
          throw new LetterError(
            'render_failed',
            `the download link answered HTTP ${res.statusCode} instead of the file.`,
          );
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          drop(res.body);
          throw tooLarge(maxBytes);
        }
        return { status: res.statusCode, headers: res.headers, body: capStream(res.body, maxBytes) };
      }
      drop(res.body);
      url = nextHop(url, res.headers.location, hop);
    }
  }

  return {
    send,
    json,
    download,
    async close() {
      await ownAgent?.close();
    },
  };
}

/** Where a download redirect leads: http(s) only, never from https down to http, at most 5 hops. */
function nextHop(from: URL, location: string | string[] | undefined, hop: number): URL {
  const target = Array.isArray(location) ? location[0] : location;
  if (!target) throw new LetterError('render_failed', 'the download link redirected without saying where to.');
  if (hop + 1 > MAX_REDIRECTS)
    throw new LetterError('render_failed', `the download link redirected more than ${MAX_REDIRECTS} times.`);
  let next: URL;
  try {
    next = new URL(target, from);
  } catch {
    throw new LetterError('render_failed', 'the download link redirected to an address that is not valid.');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    throw new LetterError(
      'render_failed',
      `the download link redirected to a ${next.protocol} address, which is not fetched.`,
    );
  if (from.protocol === 'https:' && next.protocol === 'http:')
    throw new LetterError(
      'render_failed',
      'the download link redirected from https to plain http, which is not followed.',
    );
  return next;
}

/** Failures before a byte of the request left this machine: nothing can have reached NemoVideo. */
const NEVER_SENT = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function unreachable(url: URL, e: unknown): ConnectionLost {
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
  return new ConnectionLost(
    `Could not reach NemoVideo at ${url.host}: ${why[code] ?? 'the network request failed'}. Check the internet connection and NEMO_API_URL, then try again.`,
    !NEVER_SENT.has(code),
  );
}
