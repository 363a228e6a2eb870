import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../files.js';

const Record = z.object({ file: z.string(), expiresAt: z.number() });

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

export type Resolved = { status: 'ok'; file: string } | { status: 'expired'; expiredAt: Date } | { status: 'unknown' };

/** Expired links are remembered a week longer, to answer "expired" rather than "unknown". */
const REMEMBER_EXPIRED_MS = 7 * 24 * 3_600_000;
const SWEEP_EVERY_MS = 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Unguessable, expiring links to finished letters, so a person on another machine (or a phone)
 * can fetch what the server rendered. A link is 256 random bits; on disk only its SHA-256 names
 * the record (`downloads/<hash>.json`), so the folder's listing opens nothing. Records are files,
 * so links survive a restart and any server process on the same home can serve them.
 */
export class DownloadLinks {
  private lastSweep = 0;

  constructor(
    private readonly dir: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(file: string, baseUrl: string): Promise<IssuedLink> {
    await this.sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    await writeFileAtomic(this.recordPath(token), JSON.stringify({ file, expiresAt }), 0o600);
    return {
      url: `${baseUrl}/downloads/${token}/${encodeURIComponent(path.basename(file))}`,
      expiresAt: new Date(expiresAt),
    };
  }

  async resolve(token: string): Promise<Resolved> {
    if (!TOKEN.test(token)) return { status: 'unknown' };
    let record: z.infer<typeof Record>;
    try {
      record = Record.parse(JSON.parse(await fs.readFile(this.recordPath(token), 'utf8')));
    } catch {
      return { status: 'unknown' };
    }
    if (record.expiresAt <= this.now()) return { status: 'expired', expiredAt: new Date(record.expiresAt) };
    return { status: 'ok', file: record.file };
  }

  private recordPath(token: string): string {
    return path.join(this.dir, `${createHash('sha256').update(token).digest('hex')}.json`);
  }

  /** Forgets links long expired, at most once an hour. */
  private async sweep(): Promise<void> {
    if (this.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = this.now();
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const full = path.join(this.dir, name);
      try {
        const { expiresAt } = Record.parse(JSON.parse(await fs.readFile(full, 'utf8')));
        if (expiresAt + REMEMBER_EXPIRED_MS <= this.now()) await fs.rm(full, { force: true });
      } catch {
        // A record being written by another process, or not ours: leave it.
      }
    }
  }
}
