#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { backendOnFirstUse } from './backends/on-first-use.js';
import { loadConfig, type Config } from './config.js';
import { isLetterError } from './core/errors.js';
import { createLogger, LogRelay, type Logger } from './log.js';
import { createServer } from './mcp/server.js';
import { serveStdio } from './stdio.js';

// What only `people`, `--http` and `worker` need (express, Redis, the S3 SDK, tokens) is imported
// when that command runs, so the stdio start a host makes every time it opens loads none of it.

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

async function openPeople() {
  const { People } = await import('./hosting/people/people.js');
  return new People(config.http.peopleFile);
}

if (positionals[0] === 'people') {
  const { peopleCommand } = await import('./hosting/people/people-command.js');
  process.exit(
    await peopleCommand(await openPeople(), positionals.slice(1), values.name, (line) =>
      process.stdout.write(`${line}\n`),
    ),
  );
}

async function startHttp(config: Config, log: Logger): Promise<() => Promise<void>> {
  const { startHttp } = await import('./hosting/serve-http.js');
  return startHttp({
    config,
    overrides: {
      ...(values.port !== undefined && { port: Number(values.port) }),
      ...(values.host && { host: values.host }),
    },
    people: await openPeople(),
    log,
    logs,
  });
}

async function startWorker(config: Config, log: Logger): Promise<() => Promise<void>> {
  const { importFarm } = await import('./hosting/farm/packages.js');
  const { startWorker } = await importFarm('A render worker', () => import('./hosting/farm/worker.js'));
  return startWorker(config, log);
}

async function startStdio(config: Config, log: Logger): Promise<() => Promise<void>> {
  const backend = backendOnFirstUse(config, log);
  // Rendering through Redis (and a bucket) is a hosted set-up: its settings are checked before the
  // server answers, as --http does, so a wrong one stops the start with what to set.
  if (config.sharedQueue) await backend.open();
  // Once the host has its tools, the engine opens in the background, ready for the first call.
  const connection = serveStdio(
    () => createServer({ backend, log, logs, confirm: config.confirm }),
    log,
    () => backend.prepare(),
  );
  return async () => {
    await connection.close();
    await backend.close();
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
