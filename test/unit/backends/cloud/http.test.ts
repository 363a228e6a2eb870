import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { http as mock, HttpResponse, delay } from 'msw';
import {
  attributionHeaders,
  detectPlatform,
  packageVersion,
} from '../../../../src/backends/cloud/client/attribution.js';
import { createHttp } from '../../../../src/backends/cloud/client/http.js';
import { parseEnvelope } from '../../../../src/backends/cloud/client/envelope.js';
import { isLetterError } from '../../../../src/core/errors.js';
import { captureLogger, startMswBridge, type MswBridge } from '../../../helpers/cloud/msw-bridge.js';

let bridge: MswBridge;
beforeAll(async () => (bridge = await startMswBridge()));
afterAll(() => bridge.close());
beforeEach(() => bridge.reset());

const client = (timeouts?: { connectMs: number; headersMs: number; bodyMs: number }) =>
  createHttp({
    apiUrl: bridge.url,
    attribution: attributionHeaders('cursor', '/x', '9.9.9'),
    logger: captureLogger().logger,
    timeouts,
  });

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isLetterError(e)) throw new Error(`expected a LetterError, got ${String(e)}`);
  return e;
}

describe('attribution', () => {
  it('detects the platform from the install path, with the override winning', () => {
    expect(detectPlatform('/home/a/.clawhub/skills/x/dist/backends/cloud/client/attribution.js')).toBe('clawhub');
    expect(detectPlatform('C:\\Users\\a\\.cursor\\mcp\\x\\attribution.js')).toBe('cursor');
    expect(detectPlatform('/usr/lib/node_modules/video-letter-mcp/dist/x.js')).toBe('unknown');
    expect(attributionHeaders('clawhub', '/a/.cursor/b.js', '1.0.0')['x-skill-platform']).toBe('clawhub');
    expect(attributionHeaders(undefined, '/a/.cursor/b.js', '1.0.0')['x-skill-platform']).toBe('cursor');
  });

  it('uses the package.json version', () => {
    expect(packageVersion()).toBe('0.1.0');
    expect(attributionHeaders(undefined)).toMatchObject({
      'x-skill-source': 'best-video-letter-maker',
      'x-skill-version': '0.1.0',
      'x-skill-platform': 'unknown',
    });
  });
});

describe('createHttp', () => {
  it('sends the bearer token and the three attribution headers, and decodes the envelope', async () => {
    bridge.use(
      mock.get(`${bridge.url}/api/credits/balance/simple`, () =>
        HttpResponse.json({ code: 0, message: 'ok', data: { available: 5 } }),
      ),
    );
    const env = await client().json({ method: 'GET', path: '/api/credits/balance/simple', token: 'tok-123' });
    expect(env.data).toEqual({ available: 5 });
    const sent = bridge.requests[0]!.headers;
    expect(sent.authorization).toBe('Bearer tok-123');
    expect(sent['x-skill-source']).toBe('best-video-letter-maker');
    expect(sent['x-skill-version']).toBe('9.9.9');
    expect(sent['x-skill-platform']).toBe('cursor');
  });

  it('never sends the token to another origin (a download link on a storage host)', async () => {
    const other = await startMswBridge();
    other.use(mock.get(`${other.url}/file.mp4`, () => new HttpResponse('x')));
    try {
      await client().send({ method: 'GET', path: `${other.url}/file.mp4`, token: 'tok-123' });
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
      expect(other.requests[0]!.headers['x-skill-source']).toBe('best-video-letter-maker');
    } finally {
      await other.close();
    }
  });

  it.each([
    [200, 1001, 'auth_failed', /NEMO_TOKEN/],
    [200, 1002, 'cloud_error', /session/],
    [200, 2001, 'no_credits', /Top up credits/],
    [200, 4001, 'unsupported_file', /mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac/],
    [200, 4002, 'file_too_large', /Compress it or trim it to under 200 MB/],
    [400, null, 'cloud_error', /could not read the request \(HTTP 400\)/],
    [402, null, 'plan_required', /register or upgrade your plan to unlock export/],
    [429, null, 'rate_limited', /one per device every 7 days/],
    [503, null, 'cloud_unavailable', /Try again in a few minutes/],
  ])('HTTP %s with code %s becomes %s', async (status, code, letterCode, sentence) => {
    bridge.use(
      mock.post(`${bridge.url}/x`, () =>
        HttpResponse.json(code === null ? { message: 'nope' } : { code, message: 'nope', data: null }, { status }),
      ),
    );
    const e = await failure(client().json({ method: 'POST', path: '/x', token: 't', json: {} }));
    expect(e.code).toBe(letterCode);
    expect(e.message).toMatch(sentence);
    expect(e.message).not.toContain('{');
  });

  // undici's timers tick about once a second, so the server is made slower than that.
  it('reports a server that does not answer in time as unreachable', async () => {
    bridge.use(
      mock.get(`${bridge.url}/slow`, async () => {
        await delay(2500);
        return HttpResponse.json({ code: 0 });
      }),
    );
    const e = await failure(
      client({ connectMs: 1000, headersMs: 100, bodyMs: 100 }).json({ method: 'GET', path: '/slow' }),
    );
    expect(e.code).toBe('cloud_unavailable');
    expect(e.message).toMatch(/did not answer in time/);
  });

  it('reports a refused connection with the host and what to check', async () => {
    const dead = createHttp({ apiUrl: 'http://127.0.0.1:9', attribution: {}, logger: captureLogger().logger });
    const e = await failure(dead.json({ method: 'GET', path: '/x' }));
    expect(e.code).toBe('cloud_unavailable');
    expect(e.message).toMatch(/127\.0\.0\.1:9.*refused.*NEMO_API_URL/);
  });

  it('reads envelopes with string codes and bare objects', () => {
    expect(parseEnvelope('{"code":"1001","message":"x"}')?.code).toBe(1001);
    expect(parseEnvelope('{"status":"completed"}')).toMatchObject({ code: null, data: { status: 'completed' } });
    expect(parseEnvelope('<html>')).toBeNull();
  });
});
