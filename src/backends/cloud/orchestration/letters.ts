import path from 'node:path';
import type { Logger } from '../../../log.js';
import type { CreditsReport } from '../../../core/backend.js';
import type { NemoApi } from '../client/api.js';
import type { Auth } from '../client/auth.js';
import type { ChatOptions } from './chat.js';
import { Exports } from './export.js';
import type { GenerateDeps } from './generate.js';
import { Renders } from './renders.js';
import type { Greeting } from './reply.js';
import { Sessions } from './sessions.js';
import { ProjectStore } from './store.js';
import type { UploadDeps } from './upload.js';
import { isActive } from '../../../core/render.js';

/** Everything the tool calls work with once the project list is open. */
export interface Letters extends UploadDeps, GenerateDeps {
  renders: Renders;
}

export interface LettersOptions {
  api: NemoApi;
  auth: Auth;
  logger: Logger;
  now: () => number;
  /** `<VIDEO_LETTER_HOME>/cloud`: the project list, and private copies of base64 uploads. */
  cloudHome: string;
  webUrl: string;
  outputDir: string;
  pollMs: number;
  exportWaitMs: number;
  exportCredits: number;
  maxDownloadBytes: number | undefined;
  renderDeadlineMs: number | undefined;
  chat: ChatOptions;
  greeting: Greeting;
  credits: () => Promise<CreditsReport>;
}

/** Opens the project list and picks up the renders an earlier run left pending. */
export async function openLetters(o: LettersOptions): Promise<Letters> {
  const store = await ProjectStore.open(path.join(o.cloudHome, 'projects.json'));
  const renders = new Renders({
    api: o.api,
    store,
    logger: o.logger,
    pollMs: o.pollMs,
    outputDir: o.outputDir,
    now: o.now,
    maxDownloadBytes: o.maxDownloadBytes,
    deadlineMs: o.renderDeadlineMs,
  });
  for (const project of store.all()) {
    for (const record of project.renders) {
      if (isActive(record.status)) {
        o.logger.info({ renderId: record.renderId }, 'resuming a cloud render left pending');
        renders.follow(project, record, true);
      }
    }
  }
  const sessions = new Sessions({
    api: o.api,
    auth: o.auth,
    store,
    logger: o.logger,
    webUrl: o.webUrl,
    chat: o.chat,
    now: o.now,
  });
  const exports = new Exports({
    store,
    sessions,
    renders,
    now: o.now,
    exportWaitMs: o.exportWaitMs,
    exportCredits: o.exportCredits,
    credits: o.credits,
  });
  return { store, renders, sessions, exports, greeting: o.greeting, credits: o.credits, cloudHome: o.cloudHome };
}
