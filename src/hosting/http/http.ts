import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { NodeStreamableHTTPServerTransport, toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';
import { createMcpHandler, isInitializeRequest, isLegacyRequest } from '@modelcontextprotocol/server';
import type { AuthInfo, McpServer } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import type { CallerPolicy } from '../../mcp/caller-policy.js';
import { bearerAuth, resourceMetadata } from '../people/bearer.js';
import type { People } from '../people/people.js';
import type { HttpConfig } from '../../config.js';
import type { DownloadLinks } from '../downloads/links.js';
import { downloadRoute } from '../downloads/route.js';
import type { Logger } from '../../log.js';
import type { PersonalBackends } from '../people/backends.js';
import { personQuotas } from '../people/quotas.js';
import { linkFetcher, PUBLIC_HTTPS, type UrlPolicy } from '../url-upload/fetch.js';
import { allowedHostNames, hostGuard, originGuard } from './guards.js';
import { PARSE_ERROR, rpcError, SESSION_NOT_FOUND } from './rpc-error.js';
import { Sessions } from './sessions.js';

export interface HttpOptions {
  config: HttpConfig;
  /** The people with tokens; undefined serves one person on this machine without tokens. */
  people: People | undefined;
  backends: PersonalBackends;
  links: DownloadLinks;
  makeServer: (backend: Backend, policy: CallerPolicy) => McpServer;
  log: Logger;
  /** Which links URL uploads may fetch; tests point it at a local server. */
  urlPolicy?: UrlPolicy;
}

export interface HttpHandle {
  /** The MCP endpoint, e.g. http://127.0.0.1:3917/mcp. */
  url: string;
  server: http.Server;
  /** Stops taking requests, lets running renders and tool calls finish (up to the grace), then closes. */
  close(): Promise<void>;
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Streamable HTTP at /mcp, one MCP session (and server instance) per client, plus the protected
 * resource metadata and the download links of finished letters.
 */
export async function serveHttp(options: HttpOptions): Promise<HttpHandle> {
  const { config, people, backends, links, log } = options;
  const sessions = new Sessions(config.maxSessions, config.sessionIdleMs);
  let closing = false;

  const origin = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.headers.host}`;
  const resourceUrl = (req: Request) => new URL('/mcp', origin(req));

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    if (!closing) return next();
    rpcError(res, 503, 'The server is shutting down. Try again in a minute.', undefined, {
      Connection: 'close',
      'Retry-After': '60',
    });
  });
  app.use(hostGuard(allowedHostNames(config.allowedHosts, config.publicUrl)));

  if (people) {
    app.get(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'], (req, res) => {
      res.set('Access-Control-Allow-Origin', '*').json(resourceMetadata(resourceUrl(req), config.authorizationServers));
    });
  }
  app.get('/downloads/:token/:name', downloadRoute(links));

  /** A server for one person: their letters are found by their token (and each letter by its project id). */
  const serverFor = (person: string | undefined, publicOrigin: string) => {
    const backend = backends.of(person);
    const home = backends.homeOf(person);
    return options.makeServer(backend, {
      // Only the one person on this machine (no tokens) may name files on its disk.
      paths: people ? 'none' : 'local',
      fetchLink: linkFetcher({
        policy: options.urlPolicy ?? PUBLIC_HTTPS,
        maxBytes: config.urlUploadMaxBytes,
        tmpDir: path.join(home, 'tmp'),
      }),
      publish: (file) => links.issue(file, publicOrigin),
      // The body limit, less room for the JSON-RPC envelope and the other arguments.
      base64MaxChars: config.maxBodyBytes - 64 * 1024,
      ...(people && { quotas: personQuotas(backend, home, config.perPerson) }),
    });
  };

  /**
   * MCP 2026-07-28 requests are each served on their own, with no session: the SDK's handler asks
   * for a server per request, made for the person the bearer token names.
   */
  const modern = toNodeHandler(
    createMcpHandler(
      (ctx) => {
        const { person, origin: publicOrigin } = ctx.authInfo?.extra as { person?: string; origin: string };
        return serverFor(person, publicOrigin);
      },
      { legacy: 'reject', maxRequestBodySize: config.maxBodyBytes },
    ),
    { onerror: (err) => log.warn({ err }, 'a 2026-07-28 request failed') },
  );

  const mcp: RequestHandler = async (req, res) => {
    const person = people ? req.auth?.clientId : undefined;
    if (!(await isLegacyRequest(await toWebRequest(req, req.body), req.body))) {
      const auth: AuthInfo = req.auth ?? { token: '', clientId: '', scopes: [] };
      req.auth = { ...auth, extra: { ...auth.extra, person, origin: origin(req) } };
      await modern(req, res, req.body);
      return;
    }
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.find(sessionId, person);
      if (!session) {
        rpcError(
          res,
          404,
          'Session not found: it ended after a while unused, or the server restarted. Start a new session (initialize).',
          SESSION_NOT_FOUND,
        );
        return;
      }
      await sessions.serve(session, req.method === 'POST', () => session.transport.handleRequest(req, res, req.body));
      return;
    }
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      rpcError(res, 400, 'Bad request: send initialize first, then the Mcp-Session-Id it returns with every request.');
      return;
    }
    if (sessions.full()) {
      rpcError(
        res,
        503,
        `The server is serving as many sessions as it can (${config.maxSessions}). Try again in a minute; idle sessions end after ${Math.round(config.sessionIdleMs / 60_000)} minutes.`,
        undefined,
        { 'Retry-After': '60' },
      );
      return;
    }
    if (people && sessions.countOf(person) >= config.perPerson.sessions) {
      rpcError(
        res,
        429,
        `You have ${config.perPerson.sessions} sessions open on this server, the most one person may hold. Close one you no longer use, or wait: an unused session ends after ${Math.round(config.sessionIdleMs / 60_000)} minutes.`,
        undefined,
        { 'Retry-After': '60' },
      );
      return;
    }
    const server = serverFor(person, origin(req));
    const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: config.maxBodyBytes,
      onsessioninitialized: (id) => {
        sessions.add({ id, person, server, transport });
        log.info({ person, sessions: sessions.size }, 'session started');
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };

  const json = express.json({ limit: config.maxBodyBytes });
  const guards = [originGuard(config.allowedOrigins), ...(people ? [bearerAuth(people, resourceUrl)] : []), json];
  app.all('/mcp', ...guards, mcp);

  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found. The MCP endpoint is /mcp.\n'));
  const bodyErrors: ErrorRequestHandler = (err: { type?: string; status?: number }, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large') {
      const ways = people
        ? 'by link (upload_media with url, a public https address)'
        : 'by path (upload_media with path) or by link (url, a public https address)';
      rpcError(
        res,
        413,
        `This request is larger than the ${mb(config.maxBodyBytes)} this server takes in one message. Send large photos, clips and recordings ${ways}, not as content_base64.`,
      );
      return;
    }
    if (err.type === 'entity.parse.failed') {
      rpcError(res, 400, 'Parse error: the request body is not valid JSON.', PARSE_ERROR);
      return;
    }
    log.error({ err, path: req.path }, 'http request failed');
    rpcError(
      res,
      err.status && err.status >= 400 && err.status < 500 ? err.status : 500,
      'The server could not answer this request.',
    );
  };
  app.use(bodyErrors);

  const httpServer = await new Promise<http.Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port, address } = httpServer.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/mcp`;

  const sweeper = setInterval(
    () => {
      void sessions
        .closeIdle()
        .then((n) => n > 0 && log.info({ closed: n, sessions: sessions.size }, 'idle sessions ended'));
    },
    Math.min(60_000, config.sessionIdleMs / 2),
  );
  sweeper.unref();

  log.info({ url, people: Boolean(people), publicUrl: config.publicUrl }, 'listening for Streamable HTTP');
  return {
    url,
    server: httpServer,
    async close() {
      closing = true;
      clearInterval(sweeper);
      httpServer.close();
      const grace = new AbortController();
      const finished = Promise.all([backends.rendersIdle(), sessions.callsFinished()]).then(() => 'finished' as const);
      const graceOver = delay(config.shutdownGraceMs, 'grace over' as const, { signal: grace.signal }).catch(
        () => 'finished' as const,
      );
      if ((await Promise.race([finished, graceOver])) === 'grace over')
        log.warn('renders still running at shutdown are stopped; a restart reports them interrupted');
      grace.abort();
      await sessions.closeAll();
      httpServer.closeAllConnections();
    },
  };
}
