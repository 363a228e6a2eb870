import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { http as mock, HttpResponse } from 'msw';
import type { Backend, ExportResult } from '../../../../src/core/backend.js';
import { createCloudBackend, type CloudDeps } from '../../../../src/backends/cloud/cloud.js';
import type { Config } from '../../../../src/config.js';
import {
  agentText,
  context,
  DRAFT,
  PNG_1x1,
  smallMp4,
  sse,
  tempDir,
  testConfig,
  toolCall,
  toolResult,
} from '../../../helpers/cloud/fixtures.js';
import { captureLogger, startMswBridge, type MswBridge } from '../../../helpers/cloud/msw-bridge.js';

/** An export that started or joined a render (these exports are free, so they never ask to confirm). */
function started(r: ExportResult): Exclude<ExportResult, { status: 'confirm' }> {
  if (r.status === 'confirm') throw new Error(`the export asked to confirm: ${r.message}`);
  return r;
}

const TOKEN = 'anon-token-SECRET-1';
let bridge: MswBridge;
let api: string;
beforeAll(async () => {
  bridge = await startMswBridge();
  api = bridge.url;
});
afterAll(() => bridge.close());

/** A small NemoVideo in msw handlers; tests override single endpoints with `bridge.use`. */
interface World {
  draft: unknown;
  sessions: number;
  tokens: number;
  renderPolls: number;
}
let world: World;
let backend: Backend;
let config: Config;
let logs: string[];

function baseHandlers() {
  return [
    mock.post(`${api}/api/auth/anonymous-token`, () => {
      world.tokens++;
      return HttpResponse.json({
        code: 0,
        message: 'ok',
        data: { token: world.tokens === 1 ? TOKEN : `${TOKEN}-${world.tokens}` },
      });
    }),
    mock.post(`${api}/api/tasks/me/with-session/nemo_agent`, () => {
      world.sessions++;
      return HttpResponse.json({
        code: 0,
        data: { session_id: `sess-${world.sessions}`, task_id: `task-${world.sessions}` },
      });
    }),
    mock.post(`${api}/api/upload-video/nemo_agent/me/:sid`, () =>
      HttpResponse.json({ code: 0, data: [{ file_id: 'file-1', name: 'stored.png' }] }),
    ),
    mock.get(`${api}/api/state/nemo_agent/me/:sid/latest`, () =>
      HttpResponse.json({ code: 0, data: { state: { draft: world.draft, video_infos: [], generated_media: [] } } }),
    ),
    mock.get(`${api}/api/credits/balance/simple`, () =>
      HttpResponse.json({ code: 0, data: { available: 87, frozen: 3, total: 100 } }),
    ),
    mock.post(`${api}/api/render/proxy/lambda`, () => HttpResponse.json({ code: 0, data: { status: 'queued' } })),
    mock.get(`${api}/api/render/proxy/lambda/:id`, () => {
      world.renderPolls++;
      return world.renderPolls < 2
        ? HttpResponse.json({ code: 0, data: { status: 'rendering', progress: 0.5 } })
        : HttpResponse.json({ code: 0, data: { status: 'completed', output: { url: `${api}/files/out.mp4` } } });
    }),
    mock.get(
      `${api}/files/out.mp4`,
      async () => new HttpResponse(await smallMp4(), { headers: { 'content-type': 'video/mp4' } }),
    ),
  ];
}

function make(env: Record<string, string> = {}, deps: CloudDeps = {}, sharedConfig?: Config): Backend {
  config = sharedConfig ?? testConfig(api, env);
  const captured = captureLogger();
  logs = captured.lines;
  return createCloudBackend(config, captured.logger, {
    sleep: async (_ms, signal) => {
      signal?.throwIfAborted();
      await new Promise((r) => setTimeout(r, 5));
    },
    clientIdFile: path.join(config.home, 'client_id'),
    recoveryWaitMs: 1,
    ...deps,
  });
}

const chatWith = (...events: (object | string)[]) =>
  mock.post(
    `${api}/run_sse`,
    () => new HttpResponse(sse(events), { headers: { 'content-type': 'text/event-stream' } }),
  );

const sent = (method: string, prefix: string) =>
  bridge.requests.filter((r) => r.method === method && r.path.startsWith(prefix));

async function uploadPhoto(b = backend, projectId?: string) {
  const file = path.join(tempDir(), 'mom.png');
  writeFileSync(file, PNG_1x1);
  return b.upload({ path: file, projectId }, context());
}

beforeEach(() => {
  bridge.reset();
  world = { draft: null, sessions: 0, tokens: 0, renderPolls: 0 };
  bridge.use(...baseHandlers());
  backend = make();
});
afterEach(async () => {
  await backend.close();
  // No token in any log line: the redaction and the "never log headers" rule hold.
  for (const line of logs) expect(line).not.toContain(TOKEN);
});

describe('auth and headers', () => {
  it('gets an anonymous token for a new client id, stores both owner-only, and sends the headers everywhere', async () => {
    await uploadPhoto();
    const [anon] = sent('POST', '/api/auth/anonymous-token');
    const clientIdFile = path.join(config.home, 'client_id');
    const clientId = readFileSync(clientIdFile, 'utf8').trim();
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(anon!.headers['x-client-id']).toBe(clientId);
    expect(anon!.headers.authorization).toBeUndefined();
    expect(statSync(clientIdFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(config.home, 'cloud', 'token.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(config.home, 'cloud')).mode & 0o777).toBe(0o700);
    for (const r of bridge.requests) {
      expect(r.headers['x-skill-source']).toBe('best-video-letter-maker');
      expect(r.headers['x-skill-version']).toBe('0.1.0');
      expect(r.headers['x-skill-platform']).toBe('unknown');
      if (!r.path.startsWith('/api/auth')) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it('uses NEMO_TOKEN without asking for an anonymous token, and NEMO_PLATFORM overrides detection', async () => {
    await backend.close();
    backend = make({ NEMO_TOKEN: 'account-token-SECRET', NEMO_PLATFORM: 'clawhub' });
    await backend.credits();
    expect(sent('POST', '/api/auth')).toHaveLength(0);
    expect(bridge.requests[0]!.headers.authorization).toBe('Bearer account-token-SECRET');
    expect(bridge.requests[0]!.headers['x-skill-platform']).toBe('clawhub');
  });

  it('reuses NEMO_CLIENT_ID and the cached token across restarts', async () => {
    await backend.close();
    const shared = testConfig(api, { NEMO_CLIENT_ID: 'client-from-env' });
    backend = make({}, {}, shared);
    await backend.credits();
    await backend.close();
    backend = make({}, {}, shared);
    await backend.credits();
    const anon = sent('POST', '/api/auth/anonymous-token');
    expect(anon).toHaveLength(1);
    expect(anon[0]!.headers['x-client-id']).toBe('client-from-env');
  });

  it('on 1001 gets a new anonymous token with the same client id and retries once', async () => {
    let calls = 0;
    bridge.use(
      mock.get(`${api}/api/credits/balance/simple`, () =>
        ++calls === 1
          ? HttpResponse.json({ code: 1001, message: 'token expired' })
          : HttpResponse.json({ code: 0, data: { available: 1, frozen: 0, total: 100 } }),
      ),
    );
    const report = await backend.credits();
    expect(report.available).toBe(1);
    const anon = sent('POST', '/api/auth/anonymous-token');
    expect(anon).toHaveLength(2);
    expect(anon[1]!.headers['x-client-id']).toBe(anon[0]!.headers['x-client-id']);
    expect(sent('GET', '/api/credits')[1]!.headers.authorization).toBe(`Bearer ${TOKEN}-2`);
  });

  it('on a second 1001 tells the person how to sign in', async () => {
    bridge.use(
      mock.get(`${api}/api/credits/balance/simple`, () => HttpResponse.json({ code: 1001, message: 'token expired' })),
    );
    await expect(backend.credits()).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/NEMO_TOKEN/),
    });
    expect(sent('GET', '/api/credits')).toHaveLength(2);
  });

  it('on HTTP 400 from the token call makes a new client id and retries', async () => {
    let calls = 0;
    bridge.use(
      mock.post(`${api}/api/auth/anonymous-token`, () =>
        ++calls === 1
          ? HttpResponse.json({ message: 'missing X-Client-Id' }, { status: 400 })
          : HttpResponse.json({ code: 0, data: { token: TOKEN } }),
      ),
    );
    await backend.credits();
    const anon = sent('POST', '/api/auth/anonymous-token');
    expect(anon).toHaveLength(2);
    expect(anon[1]!.headers['x-client-id']).not.toBe(anon[0]!.headers['x-client-id']);
    expect(readFileSync(path.join(config.home, 'client_id'), 'utf8').trim()).toBe(anon[1]!.headers['x-client-id']);
  });

  it('on a second HTTP 400 from the token call blames the client id, and no other 400 does', async () => {
    bridge.use(
      mock.post(`${api}/api/auth/anonymous-token`, () =>
        HttpResponse.json({ message: 'missing X-Client-Id' }, { status: 400 }),
      ),
    );
    await expect(backend.credits()).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/client id.*NEMO_CLIENT_ID/),
    });
    bridge.reset();
    bridge.use(...baseHandlers());
    bridge.use(
      mock.get(`${api}/api/credits/balance/simple`, () => HttpResponse.json({ message: 'bad query' }, { status: 400 })),
    );
    const e = await backend.credits().catch((x: Error) => x);
    expect(e).toMatchObject({
      code: 'cloud_error',
      message: expect.stringMatching(/could not read the request \(HTTP 400\)/),
    });
    expect(e.message).not.toMatch(/client id/);
  });

  it('on HTTP 429 from the token call waits the injected 30 s once, then retries; a second 429 is explained', async () => {
    const waits: number[] = [];
    await backend.close();
    backend = make({}, { rateLimitWaitMs: 30_000, sleep: async (ms) => void waits.push(ms) });
    let calls = 0;
    bridge.use(
      mock.post(`${api}/api/auth/anonymous-token`, () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 429 })
          : HttpResponse.json({ code: 0, data: { token: TOKEN } }),
      ),
    );
    expect((await backend.credits()).available).toBe(87);
    expect(waits).toEqual([30_000]);
    expect(sent('POST', '/api/auth/anonymous-token')).toHaveLength(2);
    await backend.close();
    rmSync(path.join(config.home, 'cloud', 'token.json'));
    backend = make({}, { rateLimitWaitMs: 30_000, sleep: async (ms) => void waits.push(ms) }, config);
    bridge.use(mock.post(`${api}/api/auth/anonymous-token`, () => new HttpResponse(null, { status: 429 })));
    await expect(backend.credits()).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/one per device every 7 days/),
    });
    expect(waits).toEqual([30_000, 30_000]);
  });

  it('on HTTP 429 waits the injected 30 s once, then retries; a second 429 is explained', async () => {
    const waits: number[] = [];
    await backend.close();
    backend = make({}, { rateLimitWaitMs: 30_000, sleep: async (ms) => void waits.push(ms) });
    let calls = 0;
    bridge.use(
      mock.get(`${api}/api/credits/balance/simple`, () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 429 })
          : HttpResponse.json({ code: 0, data: { available: 2 } }),
      ),
    );
    expect((await backend.credits()).available).toBe(2);
    expect(waits).toEqual([30_000]);
    bridge.use(mock.get(`${api}/api/credits/balance/simple`, () => new HttpResponse(null, { status: 429 })));
    await expect(backend.credits()).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/NEMO_TOKEN/),
    });
  });
});

describe('upload', () => {
  it('sends a local file as multipart field "files" to the project session', async () => {
    const result = await uploadPhoto();
    expect(result.media).toMatchObject({
      id: 'file-1',
      kind: 'photo',
      fileName: 'mom.png',
      format: 'png',
      sizeBytes: PNG_1x1.length,
    });
    const [up] = sent('POST', '/api/upload-video/nemo_agent/me/sess-1');
    expect(up!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(up!.body), {
      headers: { 'content-type': up!.headers['content-type']! },
    }).formData();
    const file = form.get('files') as File;
    expect(file.name).toBe('mom.png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    const again = await uploadPhoto(backend, result.projectId);
    expect(again.projectId).toBe(result.projectId);
    expect(sent('POST', '/api/tasks')).toHaveLength(1);
  });

  it('sends a URL as JSON', async () => {
    const r = await backend.upload({ url: 'https://example.com/photos/dad.jpg' }, context());
    const [up] = sent('POST', '/api/upload-video/');
    expect(up!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(up!.body.toString())).toEqual({
      urls: ['https://example.com/photos/dad.jpg'],
      source_type: 'url',
    });
    expect(r.media).toMatchObject({ fileName: 'dad.jpg', format: 'jpg', kind: 'photo' });
  });

  it('refuses an unsupported format and a file over 200 MB before sending anything', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'letter.jpg');
    writeFileSync(fake, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    await expect(backend.upload({ path: fake }, context())).rejects.toMatchObject({
      code: 'unsupported_file',
      message: expect.stringMatching(/letter\.jpg cannot be used.*Accepted: photos/),
    });
    const big = path.join(dir, 'big.mp4');
    writeFileSync(big, await smallMp4());
    truncateSync(big, 201 * 1024 * 1024);
    await expect(backend.upload({ path: big }, context())).rejects.toMatchObject({
      code: 'file_too_large',
      message: expect.stringMatching(/201 MB.*Compress it or trim it/),
    });
    await expect(backend.upload({ url: 'https://example.com/a.heic' }, context())).rejects.toMatchObject({
      code: 'unsupported_file',
    });
    expect(bridge.requests).toHaveLength(0);
  });

  it('keeps a .txt as the message and sends it with the next edit', async () => {
    const { projectId } = await uploadPhoto();
    const file = path.join(tempDir(), 'message.txt');
    writeFileSync(file, 'Happy birthday, Mom!');
    const r = await backend.upload({ path: file, projectId }, context());
    expect(r.media.kind).toBe('message');
    expect(r.note).toMatch(/message/);
    expect(sent('POST', '/api/upload-video/')).toHaveLength(1);
    bridge.use(chatWith(agentText('Done.')));
    await backend.generate(projectId, {}, context());
    const body = JSON.parse(sent('POST', '/run_sse')[0]!.body.toString());
    expect(body.new_message.parts[0].text).toContain('"Happy birthday, Mom!"');
  });

  it.each([
    [4001, 'unsupported_file', /Supported formats: mp4/],
    [4002, 'file_too_large', /200 MB/],
  ])('explains code %s from the server', async (code, letterCode, sentence) => {
    bridge.use(
      mock.post(`${api}/api/upload-video/nemo_agent/me/:sid`, () => HttpResponse.json({ code, message: 'refused' })),
    );
    await expect(uploadPhoto()).rejects.toMatchObject({ code: letterCode, message: expect.stringMatching(sentence) });
  });

  it('on 1002 opens a new session once, attaches the earlier files to it again and repeats the upload there', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(
      mock.post(`${api}/api/upload-video/nemo_agent/me/sess-1`, () =>
        HttpResponse.json({ code: 1002, message: 'session not found' }),
      ),
    );
    const second = await uploadPhoto(backend, projectId);
    // The first photo again, then the new one.
    expect(sent('POST', '/api/upload-video/nemo_agent/me/sess-2')).toHaveLength(2);
    expect(second.note).toMatch(
      /NemoVideo had lost this letter's editing session, so a new one was opened\. These files were attached to it again: mom\.png\./,
    );
    world.draft = DRAFT;
    await backend.state(projectId);
    expect(sent('GET', '/api/state/nemo_agent/me/sess-2')).toHaveLength(1);
  });
});

describe('generate (SSE chat)', () => {
  it('sends the ADK request, shows the agent text, keeps tool calls internal, and runs the export the agent pointed to', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        world.draft = DRAFT;
        return new HttpResponse(
          sse([
            ': ping\n\n',
            toolCall('add_bgm'),
            toolResult('add_bgm'),
            agentText('I added warm music. Click the Export button to download.'),
          ]),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const r = await backend.generate(projectId, { instruction: 'Add warm music', title: 'Dear Mom' }, context());
    const [chat] = sent('POST', '/run_sse');
    expect(chat!.headers.accept).toBe('text/event-stream');
    expect(JSON.parse(chat!.body.toString())).toEqual({
      app_name: 'nemo_agent',
      user_id: 'me',
      session_id: 'sess-1',
      new_message: { parts: [{ text: 'Add warm music\nTitle card: "Dear Mom"' }] },
    });
    expect(r.reply).toMatch(
      /^I added warm music\. I exported the letter for you: .*video-letter-render_[0-9a-f-]{36}\.mp4 \(320x240, 1\.0 s\)\.$/,
    );
    expect(sent('POST', '/api/render/proxy/lambda')).toHaveLength(1);
    expect(r.reply).not.toMatch(/add_bgm|functionCall|secret_arg/);
    expect(r.summary).toBe(
      'Timeline (3 tracks): 1. Video: 2 photos (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
    expect(r.changes).toContain('Added BGM: Lo-fi 0-10s, 35%.');
  });

  it('when the stream ends without text, polls the state and summarizes what changed', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        world.draft = DRAFT;
        return new HttpResponse(sse(['data:\n\n', toolCall('edit'), toolResult('edit')]), {
          headers: { 'content-type': 'text/event-stream' },
        });
      }),
    );
    const r = await backend.generate(projectId, { instruction: 'make it' }, context());
    expect(r.reply).toMatch(
      /^NemoVideo applied the edit without a message\. What changed: Added Video: 2 items \(mom\.jpg, dad\.jpg\) 0-10s\./,
    );
    expect(sent('GET', '/api/state/')).toHaveLength(2);
  });

  it('reports "still working" progress while the stream stays open', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        const stream = new ReadableStream({
          async start(c) {
            for (let i = 0; i < 4; i++) {
              c.enqueue(new TextEncoder().encode(': heartbeat\n\n'));
              await new Promise((r) => setTimeout(r, 60));
            }
            c.enqueue(new TextEncoder().encode(sse([agentText('Done.')])));
            c.close();
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const ctx = context();
    const r = await backend.generate(projectId, {}, ctx);
    expect(r.reply).toMatch(/^Still working… NemoVideo took [\d.]+ s on this edit, and it is done now\. Done\.$/);
    expect(ctx.seen.filter((p) => p.message.startsWith('Still working')).length).toBeGreaterThanOrEqual(2);
  });

  it('closes the stream when the call is cancelled', async () => {
    const { projectId } = await uploadPhoto();
    let closed = false;
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        const stream = new ReadableStream({
          async pull(c) {
            await new Promise((r) => setTimeout(r, 20));
            c.enqueue(new TextEncoder().encode(': heartbeat\n\n'));
          },
          cancel() {
            closed = true;
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    await expect(backend.generate(projectId, {}, context(abort.signal))).rejects.toMatchObject({
      code: 'cloud_error',
      message: expect.stringMatching(/cancelled/),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });

  it('stops at the cap with a sentence to act on', async () => {
    await backend.close();
    backend = make({}, { chatCapMs: 150 });
    const { projectId } = await uploadPhoto();
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        const stream = new ReadableStream({
          async pull(c) {
            await new Promise((r) => setTimeout(r, 20));
            c.enqueue(new TextEncoder().encode('data:\n\n'));
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    await expect(backend.generate(projectId, {}, context())).rejects.toMatchObject({
      code: 'cloud_unavailable',
      message: expect.stringMatching(/15 minutes.*get_state/),
    });
  });

  function droppingChat(afterDrop: () => void) {
    return mock.post(`${api}/run_sse`, () => {
      const stream = new ReadableStream({
        async start(c) {
          c.enqueue(new TextEncoder().encode(sse([toolCall('edit')])));
          await new Promise((r) => setTimeout(r, 20));
          afterDrop();
          c.error(new Error('connection lost'));
        },
      });
      return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
    });
  }

  it('after a dropped stream, polls the state and reports the edit once it shows up', async () => {
    const { projectId } = await uploadPhoto();
    let polls = 0;
    bridge.use(
      droppingChat(() => undefined),
      mock.get(`${api}/api/state/nemo_agent/me/:sid/latest`, () => {
        polls++;
        // Unchanged for the first checks after the drop, then the edit lands.
        if (polls >= 4) world.draft = DRAFT;
        return HttpResponse.json({ code: 0, data: { state: { draft: world.draft } } });
      }),
    );
    const r = await backend.generate(projectId, {}, context());
    expect(r.reply).toMatch(
      /^The connection to NemoVideo dropped after the request was sent, but the project shows NemoVideo applied it, so it was not sent again\. What changed:/,
    );
  });

  it('after a dropped stream, fails after 5 unchanged polls', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(droppingChat(() => undefined));
    await expect(backend.generate(projectId, {}, context())).rejects.toMatchObject({
      code: 'cloud_unavailable',
      message: expect.stringMatching(/after 5 checks of the project it had not changed/),
    });
    // One state read before the edit, then exactly five checks.
    expect(sent('GET', '/api/state/')).toHaveLength(6);
  });

  it('on 2001 gives anonymous users the registration link with the bind id', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(chatWith({ errorCode: '2001', errorMessage: 'insufficient credits' }));
    await expect(backend.generate(projectId, {}, context())).rejects.toMatchObject({
      code: 'no_credits',
      message: expect.stringContaining('https://nemovideo.test?bind=task-1'),
    });
  });

  it('on 2001 tells account holders to top up', async () => {
    await backend.close();
    backend = make({ NEMO_TOKEN: 'account-token-SECRET' });
    const { projectId } = await uploadPhoto();
    bridge.use(mock.post(`${api}/run_sse`, () => HttpResponse.json({ code: 2001, message: 'no credits' })));
    const e = await backend.generate(projectId, {}, context()).then(
      () => new Error('expected generate to fail'),
      (x: Error) => x,
    );
    expect(e).toMatchObject({
      code: 'no_credits',
      message: expect.stringMatching(/Top up credits in your NemoVideo account/),
    });
    expect(e.message).not.toContain('bind=');
  });

  it('on 1002 during the chat starts a new session once and sends the edit again', async () => {
    const { projectId } = await uploadPhoto();
    bridge.use(
      mock.post(`${api}/run_sse`, async ({ request }) => {
        const body = (await request.json()) as { session_id: string };
        return body.session_id === 'sess-1'
          ? HttpResponse.json({ code: 1002, message: 'session not found' })
          : new HttpResponse(sse([agentText('Done.')]), { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const r = await backend.generate(projectId, {}, context());
    expect(r.reply).toBe(
      "NemoVideo had lost this letter's editing session, so a new one was opened. These files were attached to it again: mom.png. Edits made before are not in the new session. Done.",
    );
    expect(sent('POST', '/run_sse').map((x) => JSON.parse(x.body.toString()).session_id)).toEqual(['sess-1', 'sess-2']);
    expect(sent('POST', '/api/upload-video/nemo_agent/me/sess-2')).toHaveLength(1);
  });
});

describe('state and credits', () => {
  it('decodes the draft into the shared summary and lists media', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = JSON.stringify(DRAFT);
    bridge.use(
      mock.get(`${api}/api/state/nemo_agent/me/:sid/latest`, () =>
        HttpResponse.json({
          code: 0,
          data: {
            state: {
              draft: world.draft,
              video_infos: [{ id: 'f1', name: 'mom.jpg', type: 'image', width: 800, height: 600 }],
            },
          },
        }),
      ),
    );
    const s = await backend.state(projectId);
    expect(s).toMatchObject({ projectId, backend: 'cloud', lastExport: null, renders: [] });
    expect(s.summary).toBe(
      'Timeline (3 tracks): 1. Video: 2 photos (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
    expect(s.media).toEqual([
      { id: 'f1', kind: 'photo', fileName: 'mom.jpg', format: 'jpg', sizeBytes: 0, width: 800, height: 600 },
    ]);
  });

  it('reads credits from the balance endpoint', async () => {
    const c = await backend.credits();
    expect(c).toMatchObject({ backend: 'cloud', unlimited: false, available: 87, frozen: 3, total: 100 });
    expect(c.message).toMatch(
      /^Connected to NemoVideo and ready\. NemoVideo credits: 87 available, 3 held for running jobs, 100 in total\. Edits use credits; exporting is free\./,
    );
    expect(JSON.stringify(c)).not.toContain(TOKEN);
  });

  it('refuses an unknown project', async () => {
    await expect(backend.state('nope')).rejects.toMatchObject({ code: 'project_not_found' });
  });
});

describe('export', () => {
  it('starts a render, polls it, downloads the MP4 atomically into the output folder', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    const ctx = context();
    const r = started(await backend.export(projectId, { quality: 'final' }, ctx));
    expect(r.status).toBe('done');
    if (r.status !== 'done') return;
    const [start] = sent('POST', '/api/render/proxy/lambda');
    const body = JSON.parse(start!.body.toString());
    expect(body).toMatchObject({ sessionId: 'sess-1', draft: DRAFT, output: { format: 'mp4', quality: 'high' } });
    expect(body.id).toMatch(/^render_[0-9a-f-]{36}$/);
    expect(r.jobId).toBe(body.id);
    expect(sent('GET', `/api/render/proxy/lambda/${body.id}`)).toHaveLength(2);
    expect(r.path).toBe(path.join(config.outputDir, `video-letter-${body.id}.mp4`));
    expect(readFileSync(r.path).equals(await smallMp4())).toBe(true);
    expect(r).toMatchObject({ width: 320, height: 240, quality: 'final', sizeBytes: (await smallMp4()).length });
    expect(r.durationSeconds).toBeGreaterThan(0.9);
    expect(ctx.seen.some((p) => p.message.includes('50%'))).toBe(true);
    const s = await backend.state(projectId);
    expect(s.renders).toMatchObject([{ jobId: body.id, status: 'done', percent: 100, path: r.path }]);
    expect(s.lastExport?.path).toBe(r.path);
    // The same draft again: the file is returned, no second render.
    const again = started(await backend.export(projectId, { quality: 'final' }, context()));
    expect(again).toMatchObject({ status: 'done', jobId: body.id });
    expect(sent('POST', '/api/render/proxy/lambda')).toHaveLength(1);
  });

  it('answers "rendering" when the wait is over, keeps polling, and a later call attaches to the same render', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    let finish = false;
    bridge.use(
      mock.get(`${api}/api/render/proxy/lambda/:id`, () =>
        HttpResponse.json(
          finish
            ? { status: 'completed', output: { url: `${api}/files/out.mp4` } }
            : { status: 'processing', progress: 40 },
        ),
      ),
    );
    const first = started(await backend.export(projectId, { quality: 'final', waitMs: 0 }, context()));
    expect(first).toMatchObject({
      status: 'rendering',
      jobId: expect.stringMatching(/^render_/),
      message: expect.stringMatching(/call export_video again/),
    });
    const second = started(await backend.export(projectId, { quality: 'final', waitMs: 50 }, context()));
    expect(second).toMatchObject({ status: 'rendering', jobId: first.jobId, percent: 40 });
    finish = true;
    await new Promise((r) => setTimeout(r, 200));
    const third = started(await backend.export(projectId, { quality: 'final', waitMs: 0 }, context()));
    expect(third).toMatchObject({ status: 'done', jobId: first.jobId });
    expect(sent('POST', '/api/render/proxy/lambda')).toHaveLength(1);
  });

  it('resumes polling a pending render after a restart', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    let finish = false;
    bridge.use(
      mock.get(`${api}/api/render/proxy/lambda/:id`, () =>
        HttpResponse.json({
          code: 0,
          data: finish ? { status: 'completed', output: { url: `${api}/files/out.mp4` } } : { status: 'rendering' },
        }),
      ),
    );
    const first = started(await backend.export(projectId, { quality: 'final', waitMs: 0 }, context()));
    await backend.close();
    finish = true;
    backend = make({}, {}, config);
    await new Promise((r) => setTimeout(r, 100));
    const s = await backend.state(projectId);
    expect(s.renders).toMatchObject([{ jobId: first.jobId, status: 'done' }]);
    expect(existsSync(s.lastExport!.path)).toBe(true);
    expect(sent('POST', '/api/render/proxy/lambda')).toHaveLength(1);
  });

  it('cancel stops polling and says so', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    bridge.use(mock.get(`${api}/api/render/proxy/lambda/:id`, () => HttpResponse.json({ status: 'rendering' })));
    const first = started(await backend.export(projectId, { quality: 'final', waitMs: 0 }, context()));
    const cancelled = started(await backend.export(projectId, { quality: 'final', cancel: true }, context()));
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      jobId: first.jobId,
      message: expect.stringMatching(/Stopped following/),
    });
    const polls = sent('GET', '/api/render/proxy/lambda/').length;
    await new Promise((r) => setTimeout(r, 100));
    expect(sent('GET', '/api/render/proxy/lambda/').length).toBe(polls);
    await expect(backend.export(projectId, { quality: 'final', cancel: true }, context())).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('reports a failed render', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    bridge.use(
      mock.get(`${api}/api/render/proxy/lambda/:id`, () =>
        HttpResponse.json({ code: 0, data: { status: 'failed', error: 'bad draft' } }),
      ),
    );
    const r = started(await backend.export(projectId, { quality: 'final' }, context()));
    expect(r).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/could not render the letter \(bad draft\)/),
    });
  });

  it('on HTTP 402 explains it is a plan limit, not credits', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    bridge.use(
      mock.post(`${api}/api/render/proxy/lambda`, () =>
        HttpResponse.json({ message: 'payment required' }, { status: 402 }),
      ),
    );
    await expect(backend.export(projectId, { quality: 'final' }, context())).rejects.toMatchObject({
      code: 'plan_required',
      message: expect.stringMatching(/not credits: register or upgrade your plan to unlock export/),
    });
  });

  it('refuses to export an empty project', async () => {
    const { projectId } = await uploadPhoto();
    await expect(backend.export(projectId, { quality: 'final' }, context())).rejects.toMatchObject({
      code: 'nothing_to_render',
    });
    expect(sent('POST', '/api/render')).toHaveLength(0);
  });
});

describe('start-up', () => {
  it('reports a damaged project list as a sentence, without crashing', async () => {
    await backend.close();
    const damaged = testConfig(api);
    mkdirSync(path.join(damaged.home, 'cloud'), { recursive: true });
    writeFileSync(path.join(damaged.home, 'cloud', 'projects.json'), '{"projects": [');
    backend = make({}, {}, damaged);
    await expect(backend.state('any')).rejects.toMatchObject({
      code: 'cloud_error',
      message: expect.stringMatching(/projects\.json is damaged.*Move it aside/),
    });
  });
});

describe('nothing the service sends can break the client', () => {
  /** A second loopback host standing for NemoVideo's storage: it must never see the token. */
  async function withStorage(work: (storage: MswBridge) => Promise<void>) {
    const storage = await startMswBridge();
    try {
      await work(storage);
      expect(storage.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
    } finally {
      await storage.close();
    }
  }
  const completedAt = (url: string) =>
    mock.get(`${api}/api/render/proxy/lambda/:id`, () =>
      HttpResponse.json({ code: 0, data: { status: 'completed', output: { url } } }),
    );

  async function exportedLetter(deps: CloudDeps = {}) {
    await backend.close();
    backend = make({}, deps);
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    return { projectId, result: started(await backend.export(projectId, { quality: 'final' }, context())) };
  }

  it('follows a storage link that answers 302, without the token, and saves the real MP4', async () => {
    await withStorage(async (storage) => {
      storage.use(
        mock.get(
          `${storage.url}/link/out`,
          () => new HttpResponse('Found', { status: 302, headers: { location: '/objects/out.mp4' } }),
        ),
        mock.get(
          `${storage.url}/objects/out.mp4`,
          async () => new HttpResponse(await smallMp4(), { headers: { 'content-type': 'video/mp4' } }),
        ),
      );
      // The API's own link redirects to the storage host: the token goes to the API hop only.
      bridge.use(
        completedAt(`${api}/files/moved`),
        mock.get(
          `${api}/files/moved`,
          () => new HttpResponse(null, { status: 302, headers: { location: `${storage.url}/link/out` } }),
        ),
      );
      const { result } = await exportedLetter();
      expect(result).toMatchObject({ status: 'done', width: 320, height: 240, sizeBytes: (await smallMp4()).length });
      if (result.status === 'done') expect(readFileSync(result.path).equals(await smallMp4())).toBe(true);
      expect(storage.requests.map((r) => r.path)).toEqual(['/link/out', '/objects/out.mp4']);
      expect(sent('GET', '/files/moved')[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });
  });

  it('never sends the token along a redirect, even one that points back at the API', async () => {
    await withStorage(async (storage) => {
      storage.use(
        mock.get(
          `${storage.url}/link`,
          () => new HttpResponse(null, { status: 307, headers: { location: `${api}/files/out.mp4` } }),
        ),
      );
      bridge.use(completedAt(`${storage.url}/link`));
      const { result } = await exportedLetter();
      expect(result.status).toBe('done');
      expect(sent('GET', '/files/out.mp4')[0]!.headers.authorization).toBeUndefined();
    });
  });

  it('refuses a redirect loop and a redirect to another scheme, and marks the render failed', async () => {
    bridge.use(
      completedAt(`${api}/files/loop`),
      mock.get(
        `${api}/files/loop`,
        () => new HttpResponse(null, { status: 302, headers: { location: '/files/loop' } }),
      ),
    );
    const loop = await exportedLetter();
    expect(loop.result).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/could not be saved: the download link redirected more than 5 times\./),
    });
    expect(sent('GET', '/files/loop')).toHaveLength(6);
  });

  it('refuses a download larger than the limit, by its declared length or while it streams', async () => {
    const big = Buffer.alloc(4096, 1);
    bridge.use(
      completedAt(`${api}/files/declared`),
      mock.get(
        `${api}/files/declared`,
        () => new HttpResponse(big, { headers: { 'content-length': String(big.length) } }),
      ),
    );
    const declared = await exportedLetter({ maxDownloadBytes: 1000 });
    expect(declared.result).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/could not be saved: the file is larger than 0 MB/),
    });
    const chunk = new Uint8Array(512);
    let sentChunks = 0;
    bridge.use(
      completedAt(`${api}/files/endless`),
      // No length given, and no end: the client must stop on its own.
      mock.get(
        `${api}/files/endless`,
        () =>
          new HttpResponse(
            new ReadableStream({
              async pull(c) {
                // A pause per chunk lets this process's client side run between them.
                await new Promise((r) => setTimeout(r, 1));
                sentChunks++;
                c.enqueue(chunk);
              },
            }),
          ),
      ),
    );
    const streamed = await exportedLetter({ maxDownloadBytes: 1000 });
    expect(streamed.result).toMatchObject({ status: 'failed', message: expect.stringMatching(/larger than/) });
    expect(sentChunks).toBeLessThan(1000);
    expect(readdirSync(config.outputDir)).toEqual([]);
  });

  it('marks the render failed when the MP4 lies about its moov size, without reading the lie', async () => {
    const liar = Buffer.concat([
      (await smallMp4()).subarray(0, 32),
      Buffer.from([0xff, 0xff, 0xff, 0xf0]),
      Buffer.from('moov'),
      Buffer.alloc(64),
    ]);
    bridge.use(
      completedAt(`${api}/files/liar.mp4`),
      mock.get(`${api}/files/liar.mp4`, () => new HttpResponse(liar)),
    );
    const { result } = await exportedLetter();
    expect(result).toMatchObject({ status: 'failed', message: expect.stringMatching(/unreadable MP4/) });
  });

  it('reads names with a malformed % from server links as they are', async () => {
    const { projectId } = await uploadPhoto();
    const draft = {
      d: 4000,
      t: [{ tt: 0, sg: [{ st: 0, d: 4000, m: { url: 'https://cdn.example/a%E0%A4%A.jpg' } }] }],
    };
    bridge.use(
      mock.get(`${api}/api/state/nemo_agent/me/:sid/latest`, () =>
        HttpResponse.json({
          code: 0,
          data: {
            state: { draft, video_infos: [{ id: 'f1', url: 'https://cdn.example/photos/mom%zz.jpg', type: 'image' }] },
          },
        }),
      ),
    );
    const s = await backend.state(projectId);
    expect(s.media.map((m) => m.fileName)).toEqual(['mom%zz.jpg']);
    expect(s.summary).toBe('Timeline (1 track): 1. Video: 1 photo (0-4s)');
    const r = await backend.upload({ projectId, url: 'https://example.com/photos/dad%zz.jpg' }, context());
    expect(r.media.fileName).toBe('dad%zz.jpg');
  });

  it('closes an edit whose stream sends a line that never ends', async () => {
    const { projectId } = await uploadPhoto();
    let closed = false;
    const piece = new TextEncoder().encode('x'.repeat(64 * 1024));
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        let first = true;
        const stream = new ReadableStream({
          async pull(c) {
            await new Promise((r) => setTimeout(r, 1));
            c.enqueue(first ? new TextEncoder().encode('data: {"content":"') : piece);
            first = false;
          },
          cancel() {
            closed = true;
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    await expect(backend.generate(projectId, {}, context())).rejects.toMatchObject({
      code: 'cloud_error',
      message: expect.stringMatching(/a line of more than 1 MB/),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });

  it('reads only the start of a huge error body', async () => {
    bridge.use(
      mock.get(
        `${api}/api/credits/balance/simple`,
        () => new HttpResponse(`{"code":0,"message":"${'x'.repeat(8 * 1024 * 1024)}"}`, { status: 503 }),
      ),
    );
    await expect(backend.credits()).rejects.toMatchObject({
      code: 'cloud_unavailable',
      message: 'NemoVideo had a server problem (HTTP 503). Try again in a few minutes.',
    });
  });

  it('does not follow a redirect on an API call', async () => {
    bridge.use(
      mock.get(
        `${api}/api/credits/balance/simple`,
        () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }),
      ),
    );
    await expect(backend.credits()).rejects.toMatchObject({
      code: 'cloud_error',
      message: expect.stringMatching(/redirect \(HTTP 302\).*NEMO_API_URL/),
    });
  });
});

describe('renewing what the service lost', () => {
  it('renews the token when 1001 arrives in the middle of the chat stream, and sends the edit again', async () => {
    const { projectId } = await uploadPhoto();
    let chats = 0;
    bridge.use(
      mock.post(`${api}/run_sse`, () => {
        chats++;
        const events =
          chats === 1 ? [toolCall('edit'), { errorCode: 1001, errorMessage: 'token expired' }] : [agentText('Done.')];
        return new HttpResponse(sse(events), { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const r = await backend.generate(projectId, {}, context());
    expect(r.reply).toBe('Done.');
    expect(sent('POST', '/api/auth/anonymous-token')).toHaveLength(2);
    expect(sent('POST', '/run_sse').map((x) => x.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}-2`,
    ]);
  });

  it('renews the token on HTTP 401', async () => {
    let calls = 0;
    bridge.use(
      mock.get(`${api}/api/credits/balance/simple`, () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 401 })
          : HttpResponse.json({ code: 0, data: { available: 7 } }),
      ),
    );
    expect((await backend.credits()).available).toBe(7);
    expect(sent('POST', '/api/auth/anonymous-token')).toHaveLength(2);
  });

  it('on 1002 names the files that could not be attached to the new session again', async () => {
    const dir = tempDir();
    const kept = path.join(dir, 'mom.png');
    const gone = path.join(dir, 'dad.png');
    writeFileSync(kept, PNG_1x1);
    writeFileSync(gone, PNG_1x1);
    const { projectId } = await backend.upload({ path: kept }, context());
    await backend.upload({ projectId, path: gone }, context());
    await backend.upload({ projectId, contentBase64: PNG_1x1.toString('base64'), fileName: 'pasted.png' }, context());
    rmSync(gone);
    bridge.use(
      mock.get(`${api}/api/state/nemo_agent/me/sess-1/latest`, () =>
        HttpResponse.json({ code: 1002, message: 'session not found' }),
      ),
    );
    bridge.use(chatWith(agentText('Done.')));
    const r = await backend.generate(projectId, {}, context());
    expect(r.reply).toBe(
      "NemoVideo had lost this letter's editing session, so a new one was opened. These files were attached to it again: mom.png, pasted.png. These could not be attached again (the file is gone or was refused) and are no longer part of the letter: dad.png. Upload them again to use them. Edits made before are not in the new session. Done.",
    );
    const reattached = sent('POST', '/api/upload-video/nemo_agent/me/sess-2');
    expect(reattached).toHaveLength(2);
    // The base64 upload was kept privately, so it could be sent again byte for byte.
    const form = await new Response(new Uint8Array(reattached[1]!.body), {
      headers: { 'content-type': reattached[1]!.headers['content-type']! },
    }).formData();
    expect(Buffer.from(await (form.get('files') as File).arrayBuffer()).equals(PNG_1x1)).toBe(true);
    // The notice is given once.
    expect((await backend.generate(projectId, {}, context())).reply).toBe('Done.');
  });
});

describe('exports that overlap', () => {
  it('an export after an edit, while the older render runs, renders the edited letter', async () => {
    const { projectId } = await uploadPhoto();
    world.draft = DRAFT;
    const finished = new Set<string>();
    bridge.use(
      mock.get(`${api}/api/render/proxy/lambda/:id`, ({ params }) =>
        HttpResponse.json(
          finished.has(String(params.id))
            ? { status: 'completed', output: { url: `${api}/files/out.mp4` } }
            : { status: 'rendering', progress: 30 },
        ),
      ),
    );
    const first = started(await backend.export(projectId, { quality: 'final', waitMs: 0 }, context()));
    expect(first.status).toBe('rendering');
    const edited = { ...DRAFT, m: { ratio: '9:16' } };
    world.draft = edited;
    const second = started(await backend.export(projectId, { quality: 'final', waitMs: 0 }, context()));
    expect(second).toMatchObject({ status: 'rendering' });
    expect(second.jobId).not.toBe(first.jobId);
    const starts = sent('POST', '/api/render/proxy/lambda').map((r) => JSON.parse(r.body.toString()));
    expect(starts.map((b) => b.draft)).toEqual([DRAFT, edited]);
    // The old render is still followed to its own MP4 (never orphaned), but the edited letter is the one returned.
    finished.add(first.jobId);
    finished.add(second.jobId);
    const done = started(await backend.export(projectId, { quality: 'final', waitMs: 5000 }, context()));
    expect(done).toMatchObject({ status: 'done', jobId: second.jobId });
    const s = await backend.state(projectId);
    expect(s.renders.map((r) => r.jobId)).toEqual([first.jobId, second.jobId]);
    expect(s.renders[0]!.status).not.toBe('cancelled');
    expect(s.lastExport?.jobId).toBe(second.jobId);
  });

  it('two exports in the same millisecond get their own renders, and two of one letter share one', async () => {
    await backend.close();
    backend = make({}, { now: () => 1_700_000_000_000 });
    world.draft = DRAFT;
    const a = (await uploadPhoto()).projectId;
    const b = (await uploadPhoto()).projectId;
    const [ra, rb, ra2] = await Promise.all([
      backend.export(a, { quality: 'final' }, context()).then(started),
      backend.export(b, { quality: 'final' }, context()).then(started),
      backend.export(a, { quality: 'final' }, context()).then(started),
    ]);
    expect(ra.status).toBe('done');
    expect(rb.status).toBe('done');
    expect(ra.jobId).not.toBe(rb.jobId);
    expect(ra2.jobId).toBe(ra.jobId);
    expect(sent('POST', '/api/render/proxy/lambda')).toHaveLength(2);
    if (ra.status === 'done' && rb.status === 'done') expect(ra.path).not.toBe(rb.path);
  });
});

describe('first use and language', () => {
  it('shows "Setting things up…" while connecting and says it is connected once', async () => {
    const file = path.join(tempDir(), 'mom.png');
    writeFileSync(file, PNG_1x1);
    const ctx = context();
    const first = await backend.upload({ path: file }, ctx);
    expect(ctx.seen[0]).toEqual({ percent: 1, message: 'Setting things up…' });
    expect(first.note).toBe('Connected to NemoVideo and ready.');
    const again = context();
    const second = await backend.upload({ projectId: first.projectId, path: file }, again);
    expect(second.note).toBeUndefined();
    expect(again.seen.map((p) => p.message)).not.toContain('Setting things up…');
  });

  it("opens the session in the person's language, not the machine's", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '信.txt'), '亲爱的奶奶：');
    await backend.upload({ path: path.join(dir, '信.txt') }, context());
    await uploadPhoto();
    expect(
      sent('POST', '/api/tasks/me/with-session/nemo_agent').map((r) => JSON.parse(r.body.toString()).language),
    ).toEqual(['zh', 'en']);
  });
});
