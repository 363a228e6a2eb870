import path from 'node:path';
import type { People } from './people/people.js';
import { createBackendMaker } from '../backends/index.js';
import type { Config } from '../config.js';
import { DownloadLinks } from './downloads/links.js';
import type { Logger, LogRelay } from '../log.js';
import { PersonalBackends } from './people/backends.js';
import { createServer } from '../mcp/server.js';
import { isLoopbackHost } from './http/guards.js';
import { serveHttp } from './http/http.js';

export interface HttpStart {
  config: Config;
  /** `--port` and `--host` from the command line, over the configured ones. */
  overrides: { port?: number; host?: string };
  people: People;
  log: Logger;
  logs: LogRelay;
}

/**
 * Serves many people over HTTP (or one, on loopback without tokens); returns how to stop. Loaded
 * only by `--http` (cli.ts imports it dynamically), so a stdio start never loads express or the
 * people and download-link code.
 */
export async function startHttp({ config, overrides, people, log, logs }: HttpStart): Promise<() => Promise<void>> {
  const http = { ...config.http, ...overrides };
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
  const backends = new PersonalBackends(config, log, await createBackendMaker(config, log));
  const handle = await serveHttp({
    config: http,
    people: withTokens ? people : undefined,
    backends,
    links: new DownloadLinks(path.join(config.home, 'downloads'), http.downloadTtlMs),
    // The server's own log lines go to clients only when one person uses it: they name letters.
    makeServer: (backend, policy) =>
      createServer({ backend, log, policy, confirm: config.confirm, ...(!withTokens && { logs }) }),
    log,
  });
  return async () => {
    await handle.close();
    await backends.close();
  };
}
