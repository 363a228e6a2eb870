import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../log.js';

export interface HttpOptions {
  port: number;
  /** Extra origins allowed besides http(s)://localhost and 127.0.0.1 on any port. */
  allowedOrigins: string[];
  log: Logger;
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Browsers send an Origin header; a web page on another site must not drive this server (DNS
 * rebinding), so only local origins and configured ones pass. Clients that are not browsers send
 * no Origin and are allowed, since the socket only listens on 127.0.0.1.
 */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  return origin === undefined || LOCAL_ORIGIN.test(origin) || allowed.includes(origin);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** Streamable HTTP on 127.0.0.1 at /mcp, one MCP session (and server instance) per client. */
export async function serveHttp(makeServer: () => McpServer, options: HttpOptions): Promise<http.Server> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const httpServer = http.createServer(async (req, res) => {
    try {
      if (!originAllowed(req.headers.origin, options.allowedOrigins)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `Origin ${req.headers.origin} is not allowed` }));
        return;
      }
      if (!req.url?.startsWith('/mcp')) {
        res.writeHead(404).end();
        return;
      }
      const sessionId = req.headers['mcp-session-id'] as string | undefined;
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      let transport = sessionId ? sessions.get(sessionId) : undefined;
      if (!transport && req.method === 'POST' && isInitializeRequest(body)) {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void sessions.set(id, created),
        });
        created.onclose = () => {
          if (created.sessionId) sessions.delete(created.sessionId);
        };
        await makeServer().connect(created);
        transport = created;
      }
      if (!transport) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid MCP session: send initialize first.' }, id: null }));
        return;
      }
      await transport.handleRequest(req, res, body);
    } catch (e) {
      options.log.error({ err: e }, 'http request failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(options.port, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  options.log.info({ url: `http://127.0.0.1:${port}/mcp` }, 'listening for Streamable HTTP');
  return httpServer;
}
