import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { getResponse, type RequestHandler } from 'msw';
import pino from 'pino';
import { REDACTED_KEYS, type Logger } from '../../../src/log.js';

/**
 * msw cannot see undici's own requests (undici talks to sockets directly, mswjs/msw#2165), so the
 * handlers are served from a loopback HTTP server: the backend's real undici client, timeouts and
 * streaming are exercised, and the msw handlers decide every reply. Each request is recorded with
 * its headers and body for assertions.
 */
export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface MswBridge {
  url: string;
  requests: Recorded[];
  use(...handlers: RequestHandler[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startMswBridge(): Promise<MswBridge> {
  let handlers: RequestHandler[] = [];
  const requests: Recorded[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers, body });
    const request = new Request(`${url}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    const response = await getResponse(handlers, request).catch(() => undefined);
    if (!response) {
      res.writeHead(501, { 'content-type': 'text/plain' }).end(`no msw handler for ${req.method} ${req.url}`);
      return;
    }
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(response.status, out);
    res.flushHeaders();
    if (response.body) {
      const reader = response.body.getReader();
      // The client going away cancels the handler's stream, as a real server's would be.
      res.on('close', () => void reader.cancel().catch(() => undefined));
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          res.write(value);
        }
      } catch {
        // A handler's stream that errors stands for a dropped connection: cut the socket.
        req.socket.destroy();
        return;
      }
    }
    res.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    use: (...h) => (handlers = [...h, ...handlers]),
    reset: () => {
      handlers = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A pino logger like the real one (same redaction) that keeps its lines for assertions. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino(
    {
      level: 'debug',
      redact: {
        paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
        censor: '[redacted]',
      },
    },
    stream,
  );
  return { logger, lines };
}
