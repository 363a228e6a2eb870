import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { LetterError } from '../../../core/errors.js';
import { clientIdRefused, failureFor, isNemoFailure, NEMO } from './failure.js';
import type { Http } from './http.js';
import { readOptionalFile, writePrivateFile } from './private-file.js';
import { waitOutRateLimit, withRemedies, type RateLimitOptions, type Remedy } from './retry.js';

export const DEFAULT_CLIENT_ID_FILE = path.join(os.homedir(), '.config', 'nemovideo', 'client_id');

/** Anonymous tokens live 7 days; one is kept a little less so it is never used at its last minute. */
const ANONYMOUS_TOKEN_LIFE_MS = 7 * 24 * 3600_000 - 3600_000;

export interface AuthOptions extends RateLimitOptions {
  http: Http;
  /** NEMO_TOKEN: an account token; when set, anonymous auth is skipped. */
  token: string | undefined;
  /** NEMO_CLIENT_ID; otherwise read from (or created in) clientIdFile. */
  clientId: string | undefined;
  clientIdFile: string;
  /** Owner-only cache of the anonymous token, so a restart does not spend the weekly token. */
  tokenFile: string;
  now?: () => number;
}

export interface Auth {
  /** True when the token is a free anonymous one (no NEMO_TOKEN). */
  readonly anonymous: boolean;
  token(): Promise<string>;
  /** Called after NemoVideo answered 1001 to `rejected`: fetch a new anonymous token once. */
  renew(rejected: string): Promise<string>;
}

interface CachedToken {
  clientId: string;
  token: string;
  obtainedAt: number;
}

export function createAuth(options: AuthOptions): Auth {
  const now = options.now ?? Date.now;
  if (options.token) {
    const fixed = options.token;
    return {
      anonymous: false,
      token: async () => fixed,
      // An account token cannot be renewed by us: the person has to set a fresh one.
      renew: async () => {
        throw failureFor(200, NEMO.BAD_TOKEN, undefined);
      },
    };
  }

  const rateLimit = waitOutRateLimit(options);
  let current: string | undefined;
  let pending: Promise<string> | undefined;

  async function clientId(): Promise<string> {
    if (options.clientId) return options.clientId;
    const stored = (await readOptionalFile(options.clientIdFile))?.trim();
    if (stored) return stored;
    const created = randomUUID();
    await writePrivateFile(options.clientIdFile, `${created}\n`);
    options.logger.info({ file: options.clientIdFile }, 'created a NemoVideo client id');
    return created;
  }

  /** A new client id, kept in the client-id file unless NEMO_CLIENT_ID sets it. */
  async function replaceClientId(): Promise<string> {
    const fresh = randomUUID();
    if (!options.clientId) await writePrivateFile(options.clientIdFile, `${fresh}\n`);
    options.logger.warn('NemoVideo refused the client id; using a new one');
    return fresh;
  }

  async function requestToken(id: string): Promise<string> {
    const envelope = await options.http.json({
      method: 'POST',
      path: '/api/auth/anonymous-token',
      headers: { 'x-client-id': id },
    });
    const data = envelope.data as { token?: unknown } | null;
    const token = data && typeof data.token === 'string' ? data.token : undefined;
    if (!token)
      throw new LetterError(
        'auth_failed',
        'NemoVideo did not hand out a free token. Set NEMO_TOKEN to a token from your NemoVideo account and try again.',
      );
    return token;
  }

  /**
   * HTTP 400 means NemoVideo could not use our client id: a new one is made and tried once; a
   * second 400 is the spec's "missing X-Client-Id". HTTP 429 is waited out once.
   */
  async function fetchAnonymous(): Promise<string> {
    let id = await clientId();
    const newClientId: Remedy = {
      applies: (e) => isNemoFailure(e, undefined, 400) && e.nemoCode === null,
      async repair() {
        id = await replaceClientId();
      },
    };
    try {
      const token = await withRemedies(() => requestToken(id), [newClientId, rateLimit]);
      const cache: CachedToken = { clientId: id, token, obtainedAt: now() };
      await writePrivateFile(options.tokenFile, JSON.stringify(cache));
      options.logger.info('obtained a free NemoVideo token');
      return token;
    } catch (e) {
      if (isNemoFailure(e, undefined, 400) && e.nemoCode === null) throw clientIdRefused(e.serverMessage);
      throw e;
    }
  }

  async function cached(): Promise<string | undefined> {
    const text = await readOptionalFile(options.tokenFile);
    if (!text) return undefined;
    try {
      const c = JSON.parse(text) as Partial<CachedToken>;
      const id = await clientId();
      if (
        c.clientId === id &&
        typeof c.token === 'string' &&
        typeof c.obtainedAt === 'number' &&
        now() - c.obtainedAt < ANONYMOUS_TOKEN_LIFE_MS
      )
        return c.token;
    } catch {
      // A damaged cache is the same as none: a new token is fetched and the file rewritten.
    }
    return undefined;
  }

  /** One fetch at a time: parallel tool calls share the same token request. */
  function once(work: () => Promise<string>): Promise<string> {
    pending ??= work()
      .then((t) => (current = t))
      .finally(() => (pending = undefined));
    return pending;
  }

  return {
    anonymous: true,
    async token() {
      if (current) return current;
      return once(async () => (await cached()) ?? (await fetchAnonymous()));
    },
    async renew(rejected) {
      if (current && current !== rejected) return current;
      current = undefined;
      return once(fetchAnonymous);
    },
  };
}
