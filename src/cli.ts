#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { People } from './auth/people.js';
import { peopleCommand } from './auth/people-command.js';
import { createBackendMaker } from './backends/index.js';
import { loadConfig, type Config } from './config.js';
import { DownloadLinks } from './downloads/links.js';
import { isLetterError } from './errors.js';
import { createLogger, LogRelay, type Logger } from './log.js';
import { PersonalBackends } from './people/backends.js';
import { startWorker } from './hosted/worker.js';
import { createServer } from './server.js';
import { isLoopbackHost } from './transports/guards.js';
import { serveHttp } from './transports/http.js';
import { serveStdio } from './transports/stdio.js';

const { values, positionals } = parseArgs({
  options: {
    http: { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    name: { type: 'string' },
  },
  allowPositionals: true,
  strict: true,
});

const config = loadConfig();
const logs = new LogRelay();
const log = createLogger(config.logLevel, logs);
const people = new People(config.http.peopleFile);

if (positionals[0] === 'people') {
  process.exit(
    await peopleCommand(people, positionals.slice(1), values.name, (line) => process.stdout.write(`${line}\n`)),
  );
}

/** Serves many people over HTTP (or one, on loopback without tokens); returns how to stop. */
async function startHttp(config: Config, log: Logger): Promise<() => Promise<void>> {
  const http = {
    ...config.http,
    ...(values.port !== undefined && { port: Number(values.port) }),
    ...(values.host && { host: values.host }),
  };
  const withTokens = (await people.list()).length > 0;
  if (!isLoopbackHost(http.host) && !withTokens) {
    throw new Error(
      `Refusing to serve on ${http.host} without authentication: anyone who can reach it would see and change every letter. ` +
        `Add a person first with "video-letter-mcp people add <id>" (it prints their token), or serve on 127.0.0.1.`,
    );
  }
  if (!isLoopbackHost(http.host) && !http.publicUrl && http.allowedHosts.length === 0) {
    log.warn(
      { host: http.host },
      'only localhost names are allowed in the Host header: set VIDEO_LETTER_PUBLIC_URL or VIDEO_LETTER_ALLOWED_HOSTS to the name people use',
    );
  }
  const maker = await createBackendMaker(config, log);
  const backends = new PersonalBackends(config, log, maker);
  const handle = await serveHttp({
    config: http,
    people: withTokens ? people : undefined,
    backends,
    links: new DownloadLinks(path.join(config.home, 'downloads'), http.downloadTtlMs),
    // The server's own log lines go to clients only when one person uses it: they name letters.
    makeServer: (backend, policy) => createServer({ backend, log, policy, ...(!withTokens && { logs }) }),
    log,
  });
  return async () => {
    await handle.close();
    await backends.close();
  };
}

async function startStdio(config: Config, log: Logger): Promise<() => Promise<void>> {
  const maker = await createBackendMaker(config, log);
  const backend = maker.make(config, log);
  const server = createServer({ backend, log, logs });
  await serveStdio(server, log);
  return async () => {
    await server.close();
    await backend.close();
    await maker.close();
  };
}

/**
 * Stops once, whatever asked first (a signal, or the stdio client leaving): the MCP server(s) and
 * the backend are closed, running renders stopped and recorded, then the process exits 0.
 */
let stop: (() => Promise<void>) | undefined;
let stopping = false;
function shutdown(reason: string): void {
  if (stopping) return;
  stopping = true;
  // A second signal stops at once.
  process.once('SIGINT', () => process.exit(1));
  process.once('SIGTERM', () => process.exit(1));
  log.info({ reason }, 'shutting down');
  void (async () => {
    try {
      await stop?.();
      log.info('stopped');
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, 'could not stop cleanly');
      process.exit(1);
    }
  })();
}

try {
  const worker = positionals[0] === 'worker';
  stop = worker
    ? await startWorker(config, log)
    : values.http
      ? await startHttp(config, log)
      : await startStdio(config, log);
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // A stdio client that quits closes our stdin: nobody is left to serve.
  if (!values.http && !worker) process.stdin.once('end', () => shutdown('stdin closed'));
  log.info(
    { backend: config.backend, transport: worker ? 'worker' : values.http ? 'http' : 'stdio' },
    'video-letter-mcp ready',
  );
} catch (e) {
  log.fatal({ err: e }, 'could not start');
  process.stderr.write(`video-letter-mcp could not start: ${isLetterError(e) ? e.message : (e as Error).message}\n`);
  process.exit(1);
}
