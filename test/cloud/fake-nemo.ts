import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { smallMp4 } from './helpers.js';

/**
 * A local NemoVideo that follows ../shared/cloud-api.md: anonymous tokens per client id,
 * sessions, multipart and URL uploads, an ADK-style `/run_sse` that streams heartbeats, tool
 * calls and (unless told to stay quiet) partial text, the compact draft in the state, credits,
 * and renders that complete after one poll and serve a real small MP4. Loopback only.
 */
export interface FakeNemo {
  url: string;
  /** Every token it handed out, so tests can assert none leaks. */
  tokens: string[];
  /** Requests that lacked one of the three attribution headers. */
  missingAttribution: string[];
  requests: { method: string; path: string }[];
  /** Errors its own handlers threw (answered as 500); a test that caused one must fail. */
  handlerErrors: Error[];
  close(): Promise<void>;
}

interface Session {
  files: { id: string; name: string; size: number; type: string }[];
  draft: Record<string, unknown> | null;
}

export async function startFakeNemo(options: { heartbeatEveryMs?: number } = {}): Promise<FakeNemo> {
  const beat = options.heartbeatEveryMs ?? 50;
  const tokens: string[] = [];
  const missingAttribution: string[] = [];
  const requests: { method: string; path: string }[] = [];
  const sessions = new Map<string, Session>();
  const renders = new Map<string, { polls: number }>();
  const handlerErrors: Error[] = [];
  let credits = 100;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const ok = (res: http.ServerResponse, data: unknown) => json(res, 200, { code: 0, message: 'success', data });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      handlerErrors.push(e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const p = url.pathname;
    requests.push({ method: req.method ?? '', path: p });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const attributed = req.headers['x-skill-source'] === 'best-video-letter-maker' && !!req.headers['x-skill-version'] && ['clawhub', 'cursor', 'unknown'].includes(String(req.headers['x-skill-platform']));
    if (!attributed) missingAttribution.push(`${req.method} ${p}`);

    if (p.startsWith('/files/')) {
      res.writeHead(200, { 'content-type': 'video/mp4' }).end(smallMp4());
      return;
    }
    if (req.method === 'POST' && p === '/api/auth/anonymous-token') {
      const clientId = req.headers['x-client-id'];
      if (!clientId) return json(res, 400, { message: 'missing X-Client-Id' });
      const token = `fake-anon-${randomUUID()}`;
      tokens.push(token);
      return ok(res, { token });
    }
    const auth = String(req.headers.authorization ?? '');
    if (!tokens.some((t) => auth === `Bearer ${t}`)) return json(res, 200, { code: 1001, message: 'invalid token', data: null });

    if (req.method === 'POST' && p === '/api/tasks/me/with-session/nemo_agent') {
      const sid = `sess_${randomUUID().slice(0, 8)}`;
      sessions.set(sid, { files: [], draft: null });
      return ok(res, { session_id: sid, task_id: `task_${sid}` });
    }
    if (req.method === 'GET' && p === '/api/credits/balance/simple') return ok(res, { available: credits, frozen: 0, total: 100 });

    const upload = /^\/api\/upload-video\/nemo_agent\/me\/([^/]+)$/.exec(p);
    const state = /^\/api\/state\/nemo_agent\/me\/([^/]+)\/latest$/.exec(p);
    const sid = upload?.[1] ?? state?.[1];
    if (sid && !sessions.has(sid)) return json(res, 200, { code: 1002, message: 'session not found', data: null });
    if (upload && req.method === 'POST') {
      const session = sessions.get(upload[1]!)!;
      const type = String(req.headers['content-type'] ?? '');
      const stored: Session['files'] = [];
      if (type.startsWith('multipart/form-data')) {
        const form = await new Response(body, { headers: { 'content-type': type } }).formData();
        for (const f of form.getAll('files')) {
          if (typeof f === 'string') continue;
          stored.push({ id: `file_${randomUUID().slice(0, 8)}`, name: f.name, size: f.size, type: f.type });
        }
      } else {
        const { urls } = JSON.parse(body.toString()) as { urls: string[] };
        for (const u of urls) stored.push({ id: `file_${randomUUID().slice(0, 8)}`, name: u.split('/').at(-1)!, size: 0, type: 'image/jpeg' });
      }
      if (stored.length === 0) return json(res, 200, { code: 4001, message: 'no file' });
      session.files.push(...stored);
      return ok(res, { files: stored.map((f) => ({ file_id: f.id, name: f.name, size: f.size })) });
    }
    if (state && req.method === 'GET') {
      const session = sessions.get(state[1]!)!;
      return ok(res, { state: { draft: session.draft, video_infos: session.files.map((f) => ({ id: f.id, name: f.name, size: f.size, type: f.type.startsWith('image') ? 'image' : 'video' })), generated_media: [] } });
    }

    if (req.method === 'POST' && p === '/run_sse') {
      const request = JSON.parse(body.toString()) as { session_id: string; new_message: { parts: { text: string }[] } };
      const session = sessions.get(request.session_id);
      if (!session) return json(res, 200, { code: 1002, message: 'session not found' });
      const text = request.new_message.parts[0]?.text ?? '';
      credits -= 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (event: object) => res.write(`data: ${JSON.stringify(event)}\n\n`);
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      res.write(': connected\n\n');
      for (let i = 0; i < 3; i++) {
        await wait(beat);
        res.write(i % 2 ? 'data:\n\n' : ': heartbeat\n\n');
      }
      send({ author: 'nemo_agent', content: { role: 'model', parts: [{ functionCall: { name: 'build_timeline', args: { session: request.session_id } } }] } });
      session.draft = draftFor(session, text);
      send({ author: 'nemo_agent', content: { role: 'user', parts: [{ functionResponse: { name: 'build_timeline', response: { ok: true } } }] } });
      if (!/quiet/i.test(text)) {
        const reply = 'Your video letter is ready with photos, warm music and a title. Click the Export button to download it.';
        const half = Math.floor(reply.length / 2);
        send({ author: 'nemo_agent', content: { role: 'model', parts: [{ text: reply.slice(0, half) }] }, partial: true });
        send({ author: 'nemo_agent', content: { role: 'model', parts: [{ text: reply.slice(half) }] }, partial: true });
        send({ author: 'nemo_agent', content: { role: 'model', parts: [{ text: reply }] }, partial: false });
      }
      res.end();
      return;
    }

    if (req.method === 'POST' && p === '/api/render/proxy/lambda') {
      if (!attributed) return json(res, 402, { message: 'export blocked on the free plan' });
      const { id } = JSON.parse(body.toString()) as { id: string };
      renders.set(id, { polls: 0 });
      return ok(res, { id, status: 'queued' });
    }
    const render = /^\/api\/render\/proxy\/lambda\/([^/]+)$/.exec(p);
    if (render && req.method === 'GET') {
      const job = renders.get(render[1]!);
      if (!job) return json(res, 404, { code: 404, message: 'no such render' });
      job.polls++;
      // Top-level status (the spec says it may sit there or under data).
      if (job.polls < 2) return json(res, 200, { code: 0, status: 'rendering', progress: 50 });
      return json(res, 200, { code: 0, status: 'completed', output: { url: `${base}/files/${render[1]}.mp4` } });
    }
    json(res, 404, { code: 404, message: `no route ${req.method} ${p}` });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    tokens,
    missingAttribution,
    requests,
    handlerErrors,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** What NemoVideo's agent would build from the uploaded files and the instruction. */
function draftFor(session: Session, text: string): Record<string, unknown> {
  const photos = session.files.filter((f) => f.type.startsWith('image'));
  const each = 4000;
  const total = Math.max(1, photos.length) * each;
  const title = /Title card: "([^"]+)"/.exec(text)?.[1] ?? 'A letter for you';
  const vertical = /9:16/.test(text);
  return {
    d: total,
    m: { ratio: vertical ? '9:16' : '16:9' },
    t: [
      { tt: 0, sg: photos.map((f, i) => ({ st: i * each, d: each, m: { id: f.id, name: f.name, type: 'image' } })) },
      { tt: 1, sg: [{ st: 0, d: total, m: { name: 'Warm', volume: 0.35 } }] },
      { tt: 7, sg: [{ st: 0, d: 3000, m: { text: title } }] },
    ],
  };
}
