import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LetterError } from '../../core/errors.js';
import { writeFileAtomic } from '../../files.js';
import { withFileLock } from './locks.js';
import { ProjectRecord } from './project.js';

const ID = /^p_[a-z0-9]{10}$/;

/**
 * Projects on disk: `<home>/projects/<id>/project.json` beside the project's `media/` and
 * `cache/` folders. project.json is always replaced atomically, and every change to a project
 * runs under that project's lock, in this process and in a lock file beside project.json, so two
 * tool calls never interleave their read-modify-write, even from two server processes on one
 * home (Claude Desktop and Cursor both open).
 */
export class ProjectStore {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly home: string) {}

  dir(id: string): string {
    return path.join(this.home, 'projects', id);
  }
  mediaDir(id: string): string {
    return path.join(this.dir(id), 'media');
  }
  cacheDir(id: string): string {
    return path.join(this.dir(id), 'cache');
  }

  async create(): Promise<ProjectRecord> {
    const id = `p_${randomBytes(8)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .padEnd(10, '0')
      .slice(0, 10)}`;
    const now = new Date().toISOString();
    const record = ProjectRecord.parse({ id, createdAt: now, updatedAt: now });
    await fs.mkdir(this.mediaDir(id), { recursive: true });
    await this.write(record);
    return record;
  }

  async load(id: string): Promise<ProjectRecord> {
    if (!ID.test(id)) throw notFound(id);
    let text: string;
    try {
      text = await fs.readFile(path.join(this.dir(id), 'project.json'), 'utf8');
    } catch {
      throw notFound(id);
    }
    return ProjectRecord.parse(JSON.parse(text));
  }

  async list(): Promise<string[]> {
    try {
      return (await fs.readdir(path.join(this.home, 'projects'))).filter((n) => ID.test(n));
    } catch {
      return [];
    }
  }

  /** Runs `change` on the latest record under the project's lock and saves what it returns. */
  update<T>(id: string, change: (record: ProjectRecord) => Promise<{ record: ProjectRecord; result: T }>): Promise<T> {
    return this.withLock(id, async () => {
      // An unknown project has no folder to hold its lock: it is "not found", not a file error.
      await this.load(id);
      return withFileLock(path.join(this.dir(id), 'project.json.lock'), async () => {
        const { record, result } = await change(await this.load(id));
        await this.write({ ...record, updatedAt: new Date().toISOString() });
        return result;
      });
    });
  }

  private async write(record: ProjectRecord): Promise<void> {
    await writeFileAtomic(path.join(this.dir(record.id), 'project.json'), JSON.stringify(record, null, 2));
  }

  private withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return next;
  }
}

function notFound(id: string): LetterError {
  return new LetterError(
    'project_not_found',
    `There is no project "${id}". Call upload_media without a project_id to start a new letter, or use the project_id it returned.`,
  );
}
