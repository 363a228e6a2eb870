import { LetterError } from '../../../core/errors.js';
import type { ExportInfo, MediaInfo, RenderJobInfo } from '../../../core/backend.js';
import { readOptionalFile, writePrivateFile } from '../client/private-file.js';

/** A render this client started; kept until it ends so a restart can resume polling it. */
export interface RenderRecord extends Omit<RenderJobInfo, 'jobId'> {
  renderId: string;
  sessionId: string;
  /** Which draft, at which quality, it renders, so the same letter is never rendered twice. */
  draftHash: string;
  /** The saved MP4, once done: each render keeps its own file, whatever was exported after it. */
  exported?: ExportInfo;
}

export type MediaSource = { path: string } | { url: string };

/**
 * An uploaded file, with where it came from so a session NemoVideo lost (1002) can get it again:
 * the local file (base64 uploads are kept as one), or the public URL. Records written before
 * sources were kept have none.
 */
export interface StoredMedia extends MediaInfo {
  source?: MediaSource;
}

export interface CloudProject {
  projectId: string;
  /** The NemoVideo session that holds this project's media and draft. */
  sessionId: string;
  bindId?: string;
  createdAt: string;
  media: StoredMedia[];
  /** A message uploaded as .txt, sent with the next edit (NemoVideo takes no text files). */
  message?: string;
  /** The person's language (see translation/language.ts); a new session for this project is opened in it. */
  language?: string;
  /** The language the current session was opened in (absent in records written before it was kept). */
  sessionLanguage?: string;
  /** Something the person must hear at the next reply (files lost with a session). */
  notice?: string;
  renders: RenderRecord[];
  lastExport: ExportInfo | null;
}

/**
 * Projects (project id ↔ cloud session id, renders) in one owner-only JSON file under the home
 * folder. Writes are queued so two tool calls never interleave a save.
 */
export class ProjectStore {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly projects: Map<string, CloudProject>,
  ) {}

  static async open(file: string): Promise<ProjectStore> {
    const text = await readOptionalFile(file);
    let list: CloudProject[] = [];
    try {
      list = text ? ((JSON.parse(text) as { projects?: CloudProject[] }).projects ?? []) : [];
    } catch {
      throw new LetterError(
        'cloud_error',
        `The cloud project list at ${file} is damaged and cannot be read. Move it aside (your NemoVideo sessions stay on NemoVideo) and try again.`,
      );
    }
    return new ProjectStore(file, new Map(list.map((p) => [p.projectId, p])));
  }

  get(projectId: string): CloudProject {
    const project = this.projects.get(projectId);
    if (!project) {
      throw new LetterError(
        'project_not_found',
        `There is no cloud project "${projectId}". Upload a file without a project id to start one, or use the id an earlier upload returned.`,
      );
    }
    return project;
  }

  all(): CloudProject[] {
    return [...this.projects.values()];
  }

  add(project: CloudProject): Promise<void> {
    this.projects.set(project.projectId, project);
    return this.save();
  }

  /** Saves the current contents; callers mutate a project they got from `get` and then save. */
  save(): Promise<void> {
    const snapshot = JSON.stringify({ projects: this.all() }, null, 2);
    this.saving = this.saving.catch(() => undefined).then(() => writePrivateFile(this.file, snapshot));
    return this.saving;
  }
}
