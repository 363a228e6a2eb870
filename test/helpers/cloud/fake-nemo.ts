import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileTypeFromBuffer } from 'file-type';
import { smallMp4 } from './fixtures.js';

/**
 * A local NemoVideo that behaves as the seed (../shared/seed/best-video-letter-maker.md) and
 * ../shared/cloud-api.md say, on two loopback ports like the real service:
 * - the API: one anonymous token per client id per 7 days (a second one is HTTP 429), tokens
 *   that expire after 7 days (then 1001), sessions that can be lost (1002), uploads typed by
 *   their content (4001 when it is not an accepted format, 4002 over 200 MB, links fetched and
 *   checked the same way), credits that each edit spends until they run out (2001), an ADK-style
 *   `/run_sse` that streams heartbeats, tool calls and (unless told to stay quiet) partial text,
 *   the compact draft in the state, renders that complete after one poll, and HTTP 402 for an
 *   export without the attribution headers;
 * - a storage host, separate from the API, serving the finished MP4 behind a redirect (as a
 *   presigned link would) and any file a test hosts for link uploads.
 * Its clock can be moved forward to let tokens expire. Every request is recorded.
 */
export interface FakeNemo {
  url: string;
  storageUrl: string;
  /** Every token it handed out, so tests can assert none leaks. */
  tokens: string[];
  /** Requests that lacked one of the three attribution headers. */
  missingAttribution: string[];
  /** API requests in order, with the bearer token they carried (if any). */
  requests: FakeRequest[];
  /** Storage requests in order; the storage host must never see a token. */
  storageRequests: FakeRequest[];
  /** Each chat message, with the session it went to. */
  chats: { sessionId: string; text: string }[];
  /** Each render request, with the output quality it asked for. */
  renders: { id: string; sessionId: string; quality: string }[];
  /** Each stored upload, typed by content. */
  uploads: { sessionId: string; name: string; type: string }[];
  /** The language each session was opened in. */
  sessionLanguages: string[];
  /** Errors its own handlers threw (answered as 500); a test that caused one must fail. */
  handlerErrors: Error[];
  /** The agent's next replies, in order (one per chat); afterwards the default reply. */
  say(...replies: string[]): void;
  /**
   * The next chat applies (and charges) the edit, then the connection fails: `reset` closes it
   * before any response header, `silence` never answers (the client's header time-out fires),
   * `mid-stream` sends the headers and a heartbeat, then closes it.
   */
  dropNextChat(how: ChatDrop): void;
  /** The next chat is refused with HTTP 429 (rate limited) before it is read. */
  rateLimitNextChat(): void;
  /** The next chat streams these `data:` lines as they are (objects as JSON, strings raw) instead of its words. */
  sayRaw(...events: (object | string)[]): void;
  /** Replaces a session's draft with anything at all (odd drafts, as a faulty service might send). */
  setDraft(sessionId: string, draft: unknown): void;
  /** Forgets every session, as if the service had lost them (the next use gets 1002). */
  loseSessions(): void;
  /** Moves the service's clock forward (tokens expire 7 days after they were handed out). */
  advance(ms: number): void;
  credits(): number;
  /** Hosts a file on the storage host for link uploads; `declaredSize` is the length it claims. */
  host(name: string, bytes: Buffer, declaredSize?: number): string;
  close(): Promise<void>;
}

export type ChatDrop = 'reset' | 'silence' | 'mid-stream';

export interface FakeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface FakeOptions {
  heartbeatEveryMs?: number;
  /** Credits of a new anonymous token (the seed: 100). */
  credits?: number;
  /** What one edit spends (the seed does not say; 1 keeps the arithmetic visible). */
  editCost?: number;
  /** What one render spends (the seed: exports cost nothing, so 0). */
  renderCost?: number;
  /** Status checks a render answers "rendering" before it is completed (1; Infinity: never). */
  renderPolls?: number;
}

interface Session {
  files: { id: string; name: string; size: number; type: string }[];
  draft: unknown;
  /** Photo ids in the order the agent shows them. */
  order: string[];
  title: string | null;
  aspect: '16:9' | '9:16';
  /** The background music's volume, 0..1. */
  musicVolume: number;
}

const DAY = 24 * 3600_000;
const TOKEN_LIFE = 7 * DAY;
const MAX_UPLOAD = 200 * 1024 * 1024;
const ACCEPTED = new Set(['mp4', 'mov', 'avi', 'webm', 'mkv', 'jpg', 'png', 'gif', 'webp', 'mp3', 'wav', 'm4a', 'aac']);
const DEFAULT_REPLY = 'Your video letter is ready with photos, warm music and a title.';

export async function startFakeNemo(options: FakeOptions = {}): Promise<FakeNemo> {
  const beat = options.heartbeatEveryMs ?? 50;
  const editCost = options.editCost ?? 1;
  let clock = Date.now();
  let credits = options.credits ?? 100;
  const tokens: string[] = [];
  const issued = new Map<string, { clientId: string; expiresAt: number }>();
  const lastTokenFor = new Map<string, number>();
  const missingAttribution: string[] = [];
  const requests: FakeRequest[] = [];
  const storageRequests: FakeRequest[] = [];
  const chats: FakeNemo['chats'] = [];
  const uploads: FakeNemo['uploads'] = [];
  const sessionLanguages: string[] = [];
  const sessions = new Map<string, Session>();
  const renders = new Map<string, { polls: number }>();
  const renderLog: FakeNemo['renders'] = [];
  const hosted = new Map<string, { bytes: Buffer; declaredSize: number }>();
  const scripted: (string | { raw: (object | string)[] })[] = [];
  const drops: ChatDrop[] = [];
  let rateLimited = 0;
  const handlerErrors: Error[] = [];

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const ok = (res: http.ServerResponse, data: unknown) => json(res, 200, { code: 0, message: 'success', data });
  const refuse = (res: http.ServerResponse, code: number, message: string) =>
    json(res, 200, { code, message, data: null });

  function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void>) {
    const server = http.createServer((req, res) => {
      (async () => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        await handler(req, res, Buffer.concat(chunks));
      })().catch((e: Error) => {
        handlerErrors.push(e);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    return server;
  }

  /** Judges an upload by its bytes, as the seed's service would: the type, then the size. */
  async function typeOf(
    bytes: Buffer,
    size: number,
  ): Promise<{ code: 4001 | 4002; message: string } | { type: string }> {
    if (size > MAX_UPLOAD) return { code: 4002, message: 'file too large (max 200MB)' };
    const sniffed = await fileTypeFromBuffer(bytes);
    const ext = sniffed?.ext === 'jpeg' ? 'jpg' : sniffed?.ext;
    if (!sniffed || !ext || !ACCEPTED.has(ext))
      return { code: 4001, message: `unsupported file${sniffed ? ` (${sniffed.ext})` : ''}` };
    return { type: sniffed.mime };
  }

  /** A link upload: the service fetches it (here: only from the storage host) and judges it. */
  async function fetchLink(
    link: string,
  ): Promise<{ code: 4001 | 4002; message: string } | { type: string; size: number }> {
    if (!link.startsWith(storageUrl)) return { code: 4001, message: 'could not fetch the link' };
    const res = await fetch(link);
    const declared = Number(res.headers.get('content-length'));
    if (declared > MAX_UPLOAD) {
      await res.body?.cancel();
      return { code: 4002, message: 'file too large (max 200MB)' };
    }
    if (!res.ok) return { code: 4001, message: 'could not fetch the link' };
    const bytes = Buffer.from(await res.arrayBuffer());
    const judged = await typeOf(bytes, bytes.length);
    return 'code' in judged ? judged : { type: judged.type, size: bytes.length };
  }

  const api = serve(async (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const p = url.pathname;
    const auth = req.headers.authorization;
    requests.push({ method: req.method ?? '', path: p, authorization: auth });
    const attributed =
      req.headers['x-skill-source'] === 'best-video-letter-maker' &&
      !!req.headers['x-skill-version'] &&
      ['clawhub', 'cursor', 'unknown'].includes(String(req.headers['x-skill-platform']));
    if (!attributed) missingAttribution.push(`${req.method} ${p}`);

    if (req.method === 'POST' && p === '/api/auth/anonymous-token') {
      const clientId = req.headers['x-client-id'];
      if (typeof clientId !== 'string' || clientId === '') return json(res, 400, { message: 'missing X-Client-Id' });
      const last = lastTokenFor.get(clientId);
      if (last !== undefined && clock - last < TOKEN_LIFE)
        return json(res, 429, { message: 'one token per client per 7 days' });
      const token = `fake-anon-${randomUUID()}`;
      tokens.push(token);
      issued.set(token, { clientId, expiresAt: clock + TOKEN_LIFE });
      lastTokenFor.set(clientId, clock);
      return ok(res, { token, credits: options.credits ?? 100, expires_in: TOKEN_LIFE / 1000 });
    }
    const token = issued.get(String(auth ?? '').replace(/^Bearer /, ''));
    if (!token || token.expiresAt <= clock) return refuse(res, 1001, token ? 'token expired' : 'invalid token');

    if (req.method === 'POST' && p === '/api/tasks/me/with-session/nemo_agent') {
      const sid = `sess_${randomUUID().slice(0, 8)}`;
      const { language } = JSON.parse(body.toString()) as { language?: string };
      sessionLanguages.push(language ?? '');
      sessions.set(sid, { files: [], draft: null, order: [], title: null, aspect: '16:9', musicVolume: 0.35 });
      return ok(res, { session_id: sid, task_id: `task_${sid}` });
    }
    if (req.method === 'GET' && p === '/api/credits/balance/simple')
      return ok(res, { available: credits, frozen: 0, total: options.credits ?? 100 });

    const upload = /^\/api\/upload-video\/nemo_agent\/me\/([^/]+)$/.exec(p);
    const state = /^\/api\/state\/nemo_agent\/me\/([^/]+)\/latest$/.exec(p);
    const sid = upload?.[1] ?? state?.[1];
    if (sid && !sessions.has(sid)) return refuse(res, 1002, 'session not found');
    if (upload && req.method === 'POST') {
      const session = sessions.get(upload[1]!)!;
      const type = String(req.headers['content-type'] ?? '');
      const stored: Session['files'] = [];
      if (type.startsWith('multipart/form-data')) {
        const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
        for (const f of form.getAll('files')) {
          if (typeof f === 'string') continue;
          const judged = await typeOf(Buffer.from(await f.arrayBuffer()), f.size);
          if ('code' in judged) return refuse(res, judged.code, judged.message);
          stored.push({ id: `file_${randomUUID().slice(0, 8)}`, name: f.name, size: f.size, type: judged.type });
        }
      } else {
        const { urls } = JSON.parse(body.toString()) as { urls: string[] };
        for (const link of urls) {
          const judged = await fetchLink(link);
          if ('code' in judged) return refuse(res, judged.code, judged.message);
          stored.push({
            id: `file_${randomUUID().slice(0, 8)}`,
            name: link.split('/').at(-1)!,
            size: judged.size,
            type: judged.type,
          });
        }
      }
      if (stored.length === 0) return refuse(res, 4001, 'no file');
      session.files.push(...stored);
      session.order.push(...stored.filter((f) => f.type.startsWith('image')).map((f) => f.id));
      uploads.push(...stored.map((f) => ({ sessionId: upload[1]!, name: f.name, type: f.type })));
      return ok(res, { files: stored.map((f) => ({ file_id: f.id, name: f.name, size: f.size })) });
    }
    if (state && req.method === 'GET') {
      const session = sessions.get(state[1]!)!;
      return ok(res, {
        state: {
          draft: session.draft,
          video_infos: session.files.map((f) => ({
            id: f.id,
            name: f.name,
            size: f.size,
            type: f.type.startsWith('image') ? 'image' : 'video',
          })),
          generated_media: [],
        },
      });
    }

    if (req.method === 'POST' && p === '/run_sse') {
      if (rateLimited > 0) {
        rateLimited--;
        return json(res, 429, { message: 'too many requests' });
      }
      const request = JSON.parse(body.toString()) as { session_id: string; new_message: { parts: { text: string }[] } };
      const session = sessions.get(request.session_id);
      if (!session) return refuse(res, 1002, 'session not found');
      const text = request.new_message.parts[0]?.text ?? '';
      chats.push({ sessionId: request.session_id, text });
      if (credits < editCost) return refuse(res, 2001, 'insufficient credits');
      credits -= editCost;
      const drop = drops.shift();
      if (drop === 'reset' || drop === 'silence') {
        edit(session, text);
        if (drop === 'reset') req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (drop === 'mid-stream') {
        edit(session, text);
        res.write(': heartbeat\n\n');
        await new Promise((r) => setTimeout(r, beat));
        req.socket.destroy();
        return;
      }
      const send = (event: object) => res.write(`data: ${JSON.stringify(event)}\n\n`);
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      res.write(': connected\n\n');
      for (let i = 0; i < 3; i++) {
        await wait(beat);
        res.write(i % 2 ? 'data:\n\n' : ': heartbeat\n\n');
      }
      send({
        author: 'nemo_agent',
        content: {
          role: 'model',
          parts: [{ functionCall: { name: 'build_timeline', args: { session: request.session_id } } }],
        },
      });
      edit(session, text);
      send({
        author: 'nemo_agent',
        content: { role: 'user', parts: [{ functionResponse: { name: 'build_timeline', response: { ok: true } } }] },
      });
      const reply = scripted.shift() ?? (/quiet/i.test(text) ? '' : DEFAULT_REPLY);
      if (typeof reply === 'object') {
        for (const event of reply.raw)
          res.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`);
      } else if (reply) {
        const half = Math.floor(reply.length / 2);
        send({
          author: 'nemo_agent',
          content: { role: 'model', parts: [{ text: reply.slice(0, half) }] },
          partial: true,
        });
        send({ author: 'nemo_agent', content: { role: 'model', parts: [{ text: reply.slice(half) }] }, partial: true });
        send({ author: 'nemo_agent', content: { role: 'model', parts: [{ text: reply }] }, partial: false });
      }
      res.end();
      return;
    }

    if (req.method === 'POST' && p === '/api/render/proxy/lambda') {
      if (!attributed) return json(res, 402, { message: 'export blocked on the free plan' });
      const { id, sessionId, output } = JSON.parse(body.toString()) as {
        id: string;
        sessionId: string;
        output?: { quality?: string };
      };
      const renderCost = options.renderCost ?? 0;
      if (credits < renderCost) return refuse(res, 2001, 'insufficient credits');
      credits -= renderCost;
      renders.set(id, { polls: 0 });
      renderLog.push({ id, sessionId, quality: output?.quality ?? '' });
      return ok(res, { id, status: 'queued' });
    }
    const render = /^\/api\/render\/proxy\/lambda\/([^/]+)$/.exec(p);
    if (render && req.method === 'GET') {
      const job = renders.get(render[1]!);
      if (!job) return json(res, 404, { code: 404, message: 'no such render' });
      job.polls++;
      // Top-level status (the spec says it may sit there or under data).
      if (job.polls <= (options.renderPolls ?? 1))
        return json(res, 200, { code: 0, status: 'rendering', progress: 50 });
      return json(res, 200, { code: 0, status: 'completed', output: { url: `${storageUrl}/links/${render[1]}` } });
    }
    json(res, 404, { code: 404, message: `no route ${req.method} ${p}` });
  });

  const storage = serve(async (req, res) => {
    const p = new URL(req.url ?? '/', 'http://storage').pathname;
    storageRequests.push({ method: req.method ?? '', path: p, authorization: req.headers.authorization });
    const link = /^\/links\/([^/]+)$/.exec(p);
    // A presigned-style link that redirects to the object itself.
    if (link) return void res.writeHead(302, { location: `/objects/${link[1]}.mp4` }).end('Found');
    if (/^\/objects\/[^/]+\.mp4$/.test(p))
      return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(await smallMp4());
    const file = hosted.get(p);
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': String(file.declaredSize) });
    if (file.declaredSize === file.bytes.length) return void res.end(file.bytes);
    // A file claiming more than it sends: the reader is expected to stop at the header (the
    // connection stays open until it does, or the fake closes).
    res.write(file.bytes);
  });

  const listen = async (server: http.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const base = await listen(api);
  const storageUrl = await listen(storage);
  const stop = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: base,
    storageUrl,
    tokens,
    missingAttribution,
    requests,
    storageRequests,
    chats,
    renders: renderLog,
    uploads,
    sessionLanguages,
    handlerErrors,
    say: (...replies) => void scripted.push(...replies),
    dropNextChat: (how) => void drops.push(how),
    rateLimitNextChat: () => void rateLimited++,
    sayRaw: (...events) => void scripted.push({ raw: events }),
    setDraft: (sessionId, draft) => {
      const session = sessions.get(sessionId);
      if (session) session.draft = draft;
    },
    loseSessions: () => sessions.clear(),
    advance: (ms) => void (clock += ms),
    credits: () => credits,
    host: (name, bytes, declaredSize = bytes.length) => {
      hosted.set(`/hosted/${name}`, { bytes, declaredSize });
      return `${storageUrl}/hosted/${name}`;
    },
    close: async () => {
      await Promise.all([stop(api), stop(storage)]);
    },
  };
}

/**
 * What NemoVideo's agent does with a message, in the few words a letter needs (English or
 * Chinese): the title card, the shape, moving a photo (named by its file name) to the start,
 * removing one, swapping two, and the music's volume. The draft is rebuilt in the compact form
 * after every edit.
 */
function edit(session: Session, text: string): void {
  const named = (name: string | undefined) => session.files.find((f) => f.name === name);
  const title = (/Title card(?: to|:) "([^"]+)"/i.exec(text) ?? /标题卡改为“([^”]+)”/.exec(text))?.[1];
  if (title) session.title = title;
  else if (/No title card/i.test(text)) session.title = '';
  if (/9:16|vertical|竖屏/i.test(text)) session.aspect = '9:16';
  if (/16:9|landscape|横屏/i.test(text)) session.aspect = '16:9';
  const moved = /\bmove\b.*\b(start|beginning|front|first)\b|移动?到(开头|最前)|移到(开头|最前)/i.test(text)
    ? session.files.find((f) => text.includes(f.name))
    : undefined;
  if (moved) session.order = [moved.id, ...session.order.filter((id) => id !== moved.id)];
  const removed = named((/Remove "([^"]+)" from the video/.exec(text) ?? /把“([^”]+)”从视频中删除/.exec(text))?.[1]);
  if (removed) session.order = session.order.filter((id) => id !== removed.id);
  const pair = /Swap the places of "([^"]+)" and "([^"]+)"/.exec(text) ?? /交换“([^”]+)”和“([^”]+)”的位置/.exec(text);
  const [a, b] = [named(pair?.[1]), named(pair?.[2])];
  if (a && b) session.order = session.order.map((id) => (id === a.id ? b.id : id === b.id ? a.id : id));
  const volume = (/background music volume to (\d+)%/.exec(text) ?? /背景音乐音量设为(\d+)%/.exec(text))?.[1];
  if (volume) session.musicVolume = Number(volume) / 100;
  const photos = session.order.map((id) => session.files.find((f) => f.id === id)!);
  const each = 4000;
  const total = Math.max(1, photos.length) * each;
  const tracks: object[] = [
    { tt: 0, sg: photos.map((f, i) => ({ st: i * each, d: each, m: { id: f.id, name: f.name, type: 'image' } })) },
    { tt: 1, sg: [{ st: 0, d: total, m: { name: 'Warm', volume: session.musicVolume } }] },
  ];
  if (session.title !== '')
    tracks.push({ tt: 7, sg: [{ st: 0, d: 3000, m: { text: session.title ?? 'A letter for you' } }] });
  session.draft = { d: total, m: { ratio: session.aspect }, t: tracks };
}
