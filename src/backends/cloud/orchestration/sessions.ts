import { randomUUID } from 'node:crypto';
import { FormData } from 'undici';
import type { Logger } from '../../../log.js';
import type { CallContext } from '../../../core/backend.js';
import type { NemoApi, RawState } from '../client/api.js';
import type { Auth } from '../client/auth.js';
import { isNemoFailure, NEMO, noCreditsError } from '../client/failure.js';
import { DEFAULT_LANGUAGE } from '../translation/language.js';
import { runChat, type ChatOptions, type ChatOutcome } from './chat.js';
import { prepareLocalFile, type Sendable } from './intake.js';
import type { CloudProject, ProjectStore, StoredMedia } from './store.js';

export interface SessionOptions {
  api: NemoApi;
  auth: Auth;
  store: ProjectStore;
  logger: Logger;
  /** NEMO_WEB_URL, for the registration link when credits run out. */
  webUrl: string;
  chat: ChatOptions;
  now: () => number;
}

/**
 * A project's NemoVideo session: opened at the first upload, used by every call on the project,
 * and opened again with the files when NemoVideo has lost it.
 */
export class Sessions {
  constructor(private readonly options: SessionOptions) {}

  /** A new project with a session of its own, opened in the person's language when it is known. */
  async newProject(language: string | undefined): Promise<CloudProject> {
    const sessionLanguage = language ?? DEFAULT_LANGUAGE;
    const session = await this.options.api.createSession(sessionLanguage);
    const project: CloudProject = {
      projectId: randomUUID(),
      sessionId: session.sessionId,
      bindId: session.bindId,
      ...(language && { language }),
      sessionLanguage,
      createdAt: new Date(this.options.now()).toISOString(),
      media: [],
      renders: [],
      lastExport: null,
    };
    await this.options.store.add(project);
    return project;
  }

  /** Sends one file (or link) into a session; the stored reply describes it. */
  send(sessionId: string, source: Sendable): Promise<unknown> {
    const { api } = this.options;
    if ('url' in source) return api.uploadUrl(sessionId, source.url);
    const { blob, fileName } = source;
    return api.uploadFiles(sessionId, () => {
      const form = new FormData();
      form.append('files', blob, fileName);
      return form;
    });
  }

  /**
   * Runs a call against the project's session. On 1002 (session not found) the session is
   * reopened with the files once and the call repeated; on 2001 the no-credits reply is made
   * personal (registration link for anonymous users, top-up for account holders).
   */
  async run<T>(project: CloudProject, work: (sessionId: string) => Promise<T>): Promise<T> {
    try {
      try {
        return await work(project.sessionId);
      } catch (e) {
        if (!isNemoFailure(e, NEMO.SESSION_NOT_FOUND)) throw e;
        await this.reopen(project);
        return await work(project.sessionId);
      }
    } catch (e) {
      if (isNemoFailure(e, NEMO.NO_CREDITS))
        throw noCreditsError(this.options.auth.anonymous, this.options.webUrl, project.bindId);
      throw e;
    }
  }

  /** The session's state (draft, media), keeping the bind id NemoVideo reports. */
  async state(project: CloudProject): Promise<RawState> {
    const raw = await this.run(project, (sid) => this.options.api.state(sid));
    if (raw.bindId && raw.bindId !== project.bindId) {
      project.bindId = raw.bindId;
      await this.options.store.save();
    }
    return raw;
  }

  /** One message through the chat, with drop recovery measured against `before`. */
  chat(project: CloudProject, text: string, before: RawState, ctx: CallContext): Promise<ChatOutcome> {
    return this.run(project, (sessionId) =>
      runChat(this.options.chat, {
        sessionId,
        text,
        ctx,
        baseline: JSON.stringify(before.draft),
        fingerprint: async () => JSON.stringify((await this.options.api.state(sessionId)).draft),
      }),
    );
  }

  /** The project's pending notice, given once. */
  async takeNotice(project: CloudProject): Promise<string> {
    const notice = project.notice ?? '';
    if (notice) {
      project.notice = undefined;
      await this.options.store.save();
    }
    return notice;
  }

  /**
   * The person's words are in `language`. The API has no call to change a session's language, so
   * a session that holds no edit yet (nothing would be lost) is replaced by one opened in it, with
   * the files attached again; after the first edit the session keeps its language, and the new
   * one is used for any session opened later. Returns true when the session was replaced.
   */
  async speak(project: CloudProject, language: string, draft: unknown): Promise<boolean> {
    project.language = language;
    const current = project.sessionLanguage ?? project.language ?? DEFAULT_LANGUAGE;
    if (language === current || (draft !== null && draft !== undefined)) {
      await this.options.store.save();
      return false;
    }
    this.options.logger.info({ from: current, to: language }, "opening the session in the person's language");
    const { lost } = await this.openAgain(project);
    if (lost.length > 0)
      project.notice = `These files could not be attached to the letter again and are no longer part of it: ${lost.join(', ')}. Upload them again to use them.`;
    await this.options.store.save();
    return true;
  }

  /**
   * NemoVideo lost the session (1002): a new one is opened in the project's language and every
   * uploaded file is sent to it again from where it came from, because the session held them and
   * a letter without its photos is not the person's letter. Files that cannot be sent again (the
   * local file is gone, NemoVideo refuses it now) are dropped from the project and named in a
   * notice for the next reply. The old session's edits cannot be restored: the API has no call to
   * set a draft, so the notice says to ask for the letter again.
   */
  private async reopen(project: CloudProject): Promise<void> {
    this.options.logger.warn(
      { projectId: project.projectId },
      'NemoVideo lost the session; opening a new one and attaching the files again',
    );
    const { attached, lost } = await this.openAgain(project);
    const parts = ["NemoVideo had lost this letter's editing session, so a new one was opened."];
    if (attached.length > 0) parts.push(`These files were attached to it again: ${attached.join(', ')}.`);
    if (lost.length > 0)
      parts.push(
        `These could not be attached again (the file is gone or was refused) and are no longer part of the letter: ${lost.join(', ')}. Upload them again to use them.`,
      );
    parts.push('Edits made before are not in the new session.');
    project.notice = parts.join(' ');
    await this.options.store.save();
  }

  /**
   * A new session in the project's language, with every file sent to it again from where it came
   * from; files that cannot be (gone, refused now) are dropped from the project and named.
   */
  private async openAgain(project: CloudProject): Promise<{ attached: string[]; lost: string[] }> {
    const log = this.options.logger;
    const language = project.language ?? DEFAULT_LANGUAGE;
    const session = await this.options.api.createSession(language);
    project.sessionId = session.sessionId;
    project.sessionLanguage = language;
    project.bindId = session.bindId ?? project.bindId;
    const attached: string[] = [];
    const lost: StoredMedia[] = [];
    for (const media of project.media) {
      if (media.kind === 'message') continue;
      const { source } = media;
      try {
        if (!source) throw new Error('its origin was not recorded');
        const again =
          'url' in source
            ? { url: source.url, fileName: media.fileName, format: media.format }
            : await prepareLocalFile(source.path);
        if ('kind' in again && again.kind === 'message')
          throw new Error('the file is no longer a photo, clip or recording');
        await this.send(project.sessionId, again);
        attached.push(media.fileName);
      } catch (e) {
        log.warn(
          { file: media.fileName, err: (e as Error).message },
          'a file could not be attached to the new session',
        );
        lost.push(media);
      }
    }
    project.media = project.media.filter((m) => !lost.includes(m));
    return { attached, lost: lost.map((m) => m.fileName) };
  }
}
