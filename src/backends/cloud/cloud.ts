import path from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Backend, CreditsReport } from '../../core/backend.js';
import { createNemoApi } from './client/api.js';
import { attributionHeaders } from './client/attribution.js';
import { createAuth, DEFAULT_CLIENT_ID_FILE } from './client/auth.js';
import { createHttp, DEFAULT_TIMEOUTS, type HttpTimeouts } from './client/http.js';
import { creditsReport } from './orchestration/credits.js';
import { generateLetter } from './orchestration/generate.js';
import { openLetters, type Letters } from './orchestration/letters.js';
import { Greeting, sentences } from './orchestration/reply.js';
import { projectState } from './orchestration/state.js';
import { uploadMedia } from './orchestration/upload.js';

/** What tests (and only tests) change: waits, limits, files, the network layer. */
export interface CloudDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** The wait after HTTP 429 before the one retry (30 s). */
  rateLimitWaitMs?: number;
  /** After a dropped chat stream: the wait before each state check (30 s) and how many (5). */
  recoveryWaitMs?: number;
  recoveryPolls?: number;
  /** The longest a chat stream may stay open (15 minutes). */
  chatCapMs?: number;
  /** The largest letter accepted from NemoVideo (2 GB). */
  maxDownloadBytes?: number;
  /** How long one render is followed before it is reported interrupted (20 minutes). */
  renderDeadlineMs?: number;
  clientIdFile?: string;
  timeouts?: HttpTimeouts;
  dispatcher?: Dispatcher;
  /** Where this program is installed, for X-Skill-Platform detection. */
  installPath?: string;
}

const sleepAbortable = (ms: number, signal?: AbortSignal) =>
  sleepFor(ms, undefined, signal ? { signal } : undefined).then(() => undefined);

/**
 * The NemoVideo cloud behind the Backend interface: a project is a NemoVideo session, edits go
 * through its chat agent, renders happen on its servers and are downloaded into the output folder.
 * This file only wires the parts together: the NemoVideo client (client/), the reading and
 * wording of what passes between us and NemoVideo (translation/), and the work of each tool call
 * (orchestration/).
 */
export function createCloudBackend(config: Config, logger: Logger, deps: CloudDeps = {}): Backend {
  const log = logger.child({ backend: 'cloud' });
  const sleep = deps.sleep ?? sleepAbortable;
  const now = deps.now ?? Date.now;
  const rateLimitWaitMs = deps.rateLimitWaitMs ?? 30_000;
  const cloudHome = path.join(config.home, 'cloud');
  const http = createHttp({
    apiUrl: config.cloud.apiUrl,
    attribution: attributionHeaders(config.cloud.platform, deps.installPath),
    logger: log,
    timeouts: deps.timeouts ?? DEFAULT_TIMEOUTS,
    dispatcher: deps.dispatcher,
  });
  const auth = createAuth({
    http,
    logger: log,
    token: config.cloud.token,
    clientId: config.cloud.clientId,
    clientIdFile: deps.clientIdFile ?? DEFAULT_CLIENT_ID_FILE,
    tokenFile: path.join(cloudHome, 'token.json'),
    rateLimitWaitMs,
    sleep,
    now,
  });
  const api = createNemoApi({ http, auth, logger: log, rateLimitWaitMs, sleep });
  const greeting = new Greeting();
  const credits = (): Promise<CreditsReport> => creditsReport(api, auth, config.cloud.webUrl);

  // Opening the store and resuming renders left pending by an earlier run happens once, first.
  const ready: Promise<Letters> = openLetters({
    api,
    auth,
    logger: log,
    now,
    cloudHome,
    webUrl: config.cloud.webUrl,
    outputDir: config.outputDir,
    pollMs: config.cloud.pollMs,
    exportWaitMs: config.exportWaitMs,
    exportCredits: config.cloud.exportCredits,
    maxDownloadBytes: deps.maxDownloadBytes,
    renderDeadlineMs: deps.renderDeadlineMs,
    chat: {
      api,
      logger: log,
      heartbeatMs: config.cloud.heartbeatMs,
      capMs: deps.chatCapMs ?? 15 * 60_000,
      recoveryWaitMs: deps.recoveryWaitMs ?? 30_000,
      recoveryPolls: deps.recoveryPolls ?? 5,
      sleep,
    },
    greeting,
    credits,
  });
  // Marked handled here so a failure is not a crash at start-up; every call awaits `ready` and
  // reports the failure as its own error.
  ready.catch(() => undefined);

  return {
    name: 'cloud',
    upload: async (input, ctx) => uploadMedia(await ready, input, ctx),
    generate: async (projectId, request, ctx) => generateLetter(await ready, projectId, request, ctx),
    state: async (projectId) => projectState(await ready, projectId),
    async credits() {
      const report = await credits();
      return { ...report, message: sentences(greeting.take(), report.message) };
    },
    export: async (projectId, options, ctx) => (await ready).exports.export(projectId, options, ctx),
    async close() {
      const letters = await ready.catch(() => undefined);
      await letters?.renders.close();
      await http.close();
    },
  };
}
