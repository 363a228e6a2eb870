#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createBackend } from './backends/index.js';
import { loadConfig } from './config.js';
import { isLetterError } from './errors.js';
import { createLogger, LogRelay } from './log.js';
import { createServer } from './server.js';
import { serveHttp } from './transports/http.js';
import { serveStdio } from './transports/stdio.js';

const { values } = parseArgs({
  options: { http: { type: 'boolean', default: false }, port: { type: 'string' } },
  strict: true,
});

const config = loadConfig();
const logs = new LogRelay();
const log = createLogger(config.logLevel, logs);

try {
  const backend = await createBackend(config, log);
  const deps = { backend, log, logs };
  if (values.http) {
    const port = values.port !== undefined ? Number(values.port) : config.http.port;
    await serveHttp(() => createServer(deps), { port, allowedOrigins: config.http.allowedOrigins, log });
  } else {
    await serveStdio(createServer(deps));
  }
  const stop = async () => {
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ backend: backend.name, transport: values.http ? 'http' : 'stdio' }, 'video-letter-mcp ready');
} catch (e) {
  log.fatal({ err: e }, 'could not start');
  process.stderr.write(`video-letter-mcp could not start: ${isLetterError(e) ? e.message : (e as Error).message}\n`);
  process.exit(1);
}
