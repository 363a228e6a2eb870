import { LetterError, type LetterErrorCode } from '../../../core/errors.js';
import { ACCEPTED_FORMATS } from '../../../core/media/formats.js';

/** The error codes of NemoVideo's `{code, message, data}` envelope that the client acts on. */
export const NEMO = {
  OK: 0,
  BAD_TOKEN: 1001,
  SESSION_NOT_FOUND: 1002,
  NO_CREDITS: 2001,
  UNSUPPORTED_FILE: 4001,
  FILE_TOO_LARGE: 4002,
} as const;

/**
 * A refusal from NemoVideo: an HTTP status and, when the body had an envelope, its code. It is a
 * LetterError with a sentence a person can act on, and keeps status and code so the retry layer
 * (re-auth, new session, new client id, rate-limit wait) can tell which one it got.
 */
export class NemoFailure extends LetterError {
  constructor(
    code: LetterErrorCode,
    message: string,
    readonly status: number,
    readonly nemoCode: number | null,
    /** What the server said, for a later, better-placed sentence (never shown raw if long). */
    readonly serverMessage?: string,
  ) {
    super(code, message);
    this.name = 'NemoFailure';
  }
}

export function isNemoFailure(e: unknown, nemoCode?: number, status?: number): e is NemoFailure {
  if (!(e instanceof NemoFailure)) return false;
  if (nemoCode !== undefined && e.nemoCode !== nemoCode) return false;
  if (status !== undefined && e.status !== status) return false;
  return true;
}

/**
 * The connection failed. `mayHaveArrived` says whether the request could have reached NemoVideo
 * before it did: a refused connection or an unknown host never sent a byte, but a reset, a
 * time-out waiting for the answer or a dropped stream came after the request was sent, so the
 * service may have acted on it (and charged for it). A paid call is then never simply repeated.
 */
export class ConnectionLost extends LetterError {
  constructor(
    message: string,
    readonly mayHaveArrived: boolean,
  ) {
    super('cloud_unavailable', message);
    this.name = 'ConnectionLost';
  }
}

/** Gateway answers after the request was passed on: the service may have acted on it. */
const GATEWAY_GAVE_UP = new Set([502, 504]);

/** Whether a failed call may still have been carried out by NemoVideo. */
export function mayHaveArrived(e: unknown): boolean {
  return (
    (e instanceof ConnectionLost && e.mayHaveArrived) || (e instanceof NemoFailure && GATEWAY_GAVE_UP.has(e.status))
  );
}

/**
 * Envelope codes come as numbers, or as numeric strings from some gateways (and as `errorCode`
 * strings in ADK events); both are read.
 */
export function readCode(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** A short server message quoted in a sentence; a long one (a stack, a page) is left out. */
export function saidPart(serverMessage: string | undefined): string {
  return serverMessage && serverMessage.length < 200 ? ` (NemoVideo said: "${serverMessage}")` : '';
}

/**
 * The sentence for each code and status of the spec's table. These are the replies when the
 * client's own recovery (one re-auth, one new session, one wait) did not help. 2001 gets its
 * registration link later, where the project's bind id is known (see `noCreditsError`).
 */
export function failureFor(status: number, nemoCode: number | null, serverMessage: string | undefined): NemoFailure {
  const said = saidPart(serverMessage);
  const make = (code: LetterErrorCode, sentence: string) =>
    new NemoFailure(code, sentence, status, nemoCode, serverMessage);
  switch (nemoCode) {
    case NEMO.BAD_TOKEN:
      return make(
        'auth_failed',
        `NemoVideo did not accept the sign-in token (bad or expired)${said}. Set NEMO_TOKEN to a current token from your NemoVideo account, or unset it to use a free anonymous token.`,
      );
    case NEMO.SESSION_NOT_FOUND:
      return make(
        'cloud_error',
        `NemoVideo no longer knows this project's editing session${said}. Try again; if it keeps happening, start a new project by uploading the files again.`,
      );
    case NEMO.NO_CREDITS:
      return make(
        'no_credits',
        `Your NemoVideo credits are used up${said}. Top up credits in your NemoVideo account, then try again.`,
      );
    case NEMO.UNSUPPORTED_FILE:
      return make(
        'unsupported_file',
        `NemoVideo does not accept this file type${said}. Supported formats: ${ACCEPTED_FORMATS.join(', ')}.`,
      );
    case NEMO.FILE_TOO_LARGE:
      return make(
        'file_too_large',
        `The file is larger than NemoVideo's 200 MB limit${said}. Compress it or trim it to under 200 MB and upload it again.`,
      );
  }
  switch (status) {
    case 400:
      // Only the anonymous-token call's 400 is about the client id (see clientIdRefused).
      return make(
        'cloud_error',
        `NemoVideo could not read the request (HTTP 400)${said}. Try again; if it keeps failing, try a simpler request or check NEMO_API_URL.`,
      );
    case 401:
    case 403:
      return make(
        'auth_failed',
        `NemoVideo refused the sign-in (HTTP ${status})${said}. Set NEMO_TOKEN to a current token from your NemoVideo account, or unset it to use a free anonymous token.`,
      );
    case 402:
      return make(
        'plan_required',
        `NemoVideo blocked this on the free plan${said}. This is a plan limit, not credits: register or upgrade your plan to unlock export.`,
      );
    case 404:
      return make(
        'cloud_error',
        `NemoVideo could not find what was asked for (HTTP 404)${said}. Check NEMO_API_URL, then try again.`,
      );
    case 413:
      return make(
        'file_too_large',
        `The file is larger than NemoVideo accepts${said}. Compress it or trim it to under 200 MB and upload it again.`,
      );
    case 429:
      return make(
        'rate_limited',
        `NemoVideo is rate-limiting this device even after waiting 30 seconds${said}. Free anonymous tokens are limited to one per device every 7 days: set NEMO_TOKEN to your account's token, or try again later.`,
      );
  }
  if (status >= 500) {
    return make(
      'cloud_unavailable',
      `NemoVideo had a server problem (HTTP ${status})${said}. Try again in a few minutes.`,
    );
  }
  return make(
    'cloud_error',
    `NemoVideo refused the request (HTTP ${status}${nemoCode !== null ? `, code ${nemoCode}` : ''})${said}. Try again; if it keeps failing, check NEMO_API_URL and NEMO_TOKEN.`,
  );
}

/** HTTP 400 from the anonymous-token call, even after a new client id: the spec's "missing X-Client-Id". */
export function clientIdRefused(serverMessage: string | undefined): NemoFailure {
  return new NemoFailure(
    'invalid_request',
    `NemoVideo refused the device's client id as missing or unreadable${saidPart(serverMessage)}. Set NEMO_CLIENT_ID to a UUID (or delete the client-id file so a new one is made) and try again.`,
    400,
    null,
  );
}

/**
 * 2001 for an anonymous user: the free credits are gone, and registering keeps the work, so the
 * reply carries the claim link `<NEMO_WEB_URL>?bind=<id>`. A registered user (NEMO_TOKEN set) is
 * told to top up instead.
 */
export function noCreditsError(anonymous: boolean, webUrl: string, bindId: string | undefined): NemoFailure {
  if (anonymous && bindId) {
    const link = `${webUrl}?bind=${encodeURIComponent(bindId)}`;
    return new NemoFailure(
      'no_credits',
      `The free NemoVideo credits are used up. Register at ${link} to keep this project and get more credits, then try again.`,
      200,
      NEMO.NO_CREDITS,
    );
  }
  if (anonymous) {
    return new NemoFailure(
      'no_credits',
      `The free NemoVideo credits are used up. Register at ${webUrl} to get more credits, then try again.`,
      200,
      NEMO.NO_CREDITS,
    );
  }
  return new NemoFailure(
    'no_credits',
    'Your NemoVideo credits are used up. Top up credits in your NemoVideo account, then try again.',
    200,
    NEMO.NO_CREDITS,
  );
}
