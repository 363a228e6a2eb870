import dns from 'node:dns';
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import net, { type LookupFunction } from 'node:net';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { LetterError } from '../../core/errors.js';
import type { LinkFetcher } from '../../mcp/caller-policy.js';
import { isPublicAddress } from './address.js';

/** Which links may be fetched: public https by default; tests inject a local server's address. */
export interface UrlPolicy {
  protocols: string[];
  isAllowedAddress: (address: string) => boolean;
}

export const PUBLIC_HTTPS: UrlPolicy = { protocols: ['https:'], isAllowedAddress: isPublicAddress };

export interface FetchOptions {
  maxBytes: number;
  policy: UrlPolicy;
  signal: AbortSignal;
  /** How long the whole download may take, redirects included. */
  deadlineMs?: number;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const duration = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * Downloads a link into `dest` for an upload and returns the file's name. Every hop is checked
 * before it is fetched: the scheme, an address written in the link, and every address its name
 * resolves to, checked inside the connection's own DNS lookup so a name cannot resolve to one
 * address for the check and another for the connection. The size is counted while the bytes
 * arrive and the download stops as soon as it passes the limit.
 */
export async function downloadToFile(
  link: string,
  dest: string,
  options: FetchOptions,
): Promise<{ fileName: string; bytes: number }> {
  let refused: { host: string; address: string } | undefined;
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const bad = addresses.find((a) => !options.policy.isAllowedAddress(a.address));
      if (bad) {
        refused = { host: hostname, address: bad.address };
        return callback(new Error(`refused address ${bad.address}`), '', 4);
      }
      if (lookupOptions.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const deadline = options.deadlineMs === undefined ? undefined : AbortSignal.timeout(options.deadlineMs);
  const signal = deadline ? AbortSignal.any([options.signal, deadline]) : options.signal;
  const overDeadline = () =>
    new LetterError(
      'file_too_large',
      `The link took longer than ${duration(options.deadlineMs!)} to download, so it was stopped. Use a faster host, or a smaller file.`,
    );
  const agent = new Agent({ connect: { lookup, timeout: 10_000 }, headersTimeout: 30_000, bodyTimeout: 30_000 });
  try {
    let url = parseLink(link);
    for (let hop = 0; ; hop++) {
      checkLink(url, options.policy);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          dispatcher: agent,
          signal,
          headers: { accept: 'image/*, video/*, audio/*, text/plain, */*;q=0.5', 'user-agent': 'video-letter-mcp' },
        });
      } catch (e) {
        if (refused) throw privateAddress(refused.host, refused.address);
        if (deadline?.aborted && !options.signal.aborted) throw overDeadline();
        if (options.signal.aborted) throw e;
        throw new LetterError(
          'file_not_found',
          `Could not fetch ${url.host}: ${(e as Error).message}. Check that the link opens in a browser without signing in.`,
        );
      }
      const { statusCode, headers, body } = response;
      const location = headers.location;
      if (REDIRECTS.has(statusCode) && typeof location === 'string') {
        await body.dump();
        if (hop >= MAX_REDIRECTS)
          throw new LetterError(
            'invalid_request',
            `The link redirects more than ${MAX_REDIRECTS} times. Pass the file's final address instead.`,
          );
        url = new URL(location, url);
        continue;
      }
      if (statusCode < 200 || statusCode > 299) {
        await body.dump();
        throw new LetterError(
          'file_not_found',
          `The link answered HTTP ${statusCode}, not a file. Check that it opens in a browser without signing in.`,
        );
      }
      if (Number(headers['content-length']) > options.maxBytes) {
        body.destroy();
        throw tooLarge(options.maxBytes);
      }
      try {
        const bytes = await save(body, dest, options.maxBytes);
        return { fileName: nameOf(url), bytes };
      } catch (e) {
        if (deadline?.aborted && !options.signal.aborted) throw overDeadline();
        throw e;
      }
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
}

function parseLink(link: string): URL {
  try {
    return new URL(link);
  } catch {
    throw new LetterError(
      'invalid_request',
      `"${link}" is not a web address. Pass a full https link to a photo, clip or recording.`,
    );
  }
}

function checkLink(url: URL, policy: UrlPolicy): void {
  if (!policy.protocols.includes(url.protocol)) {
    throw new LetterError(
      'invalid_request',
      `Only ${policy.protocols.map((p) => p.replace(':', '')).join(' and ')} links can be fetched, not ${url.protocol.replace(':', '')} ones (${url.href}). Upload the file itself (content_base64) instead.`,
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !policy.isAllowedAddress(host)) throw privateAddress(url.host, host);
}

function privateAddress(host: string, address: string): LetterError {
  return new LetterError(
    'invalid_request',
    `The link to ${host} leads to ${address}, a loopback, private or otherwise non-public address, which this server does not fetch from. Use a public https link, or upload the file itself (content_base64).`,
  );
}

function tooLarge(maxBytes: number): LetterError {
  return new LetterError(
    'file_too_large',
    `The file at this link is over the ${megabytes(maxBytes)} limit. Compress or trim it, then upload again.`,
  );
}

/** Writes the body to `dest`, counting bytes and stopping at the first byte over the limit. */
async function save(body: NodeJS.ReadableStream, dest: string, maxBytes: number): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  await pipeline(body, counter, createWriteStream(dest, { mode: 0o600 }));
  return bytes;
}

/** The file's name from the link's last path segment, for the letter's list of media. */
function nameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1);
  let name = last;
  try {
    name = last && decodeURIComponent(last);
  } catch {
    // A malformed escape: keep the raw segment.
  }
  return path.basename(name || url.hostname).slice(0, 200) || 'download';
}

/**
 * How long a URL upload may take in all (connecting, redirects, the body), so a link that trickles
 * never holds a call open: 5 minutes carries the largest file allowed at about 2 MB/s.
 */
const URL_DEADLINE_MS = 5 * 60_000;

/** Fetches links for one caller into their own temp folder (the caller policy's `fetchLink`). */
export function linkFetcher(options: { policy: UrlPolicy; maxBytes: number; tmpDir: string }): LinkFetcher {
  return async (url, signal) => {
    await fs.mkdir(options.tmpDir, { recursive: true });
    const file = path.join(options.tmpDir, `url-${randomBytes(6).toString('hex')}`);
    const done = () => fs.rm(file, { force: true });
    try {
      const { fileName } = await downloadToFile(url, file, {
        maxBytes: options.maxBytes,
        policy: options.policy,
        signal,
        deadlineMs: URL_DEADLINE_MS,
      });
      return { file, fileName, done };
    } catch (e) {
      await done();
      throw e;
    }
  };
}
