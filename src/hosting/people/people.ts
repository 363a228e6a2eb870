import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../files.js';

/** A person's id names their folder (people/<id>/), so it is kept to safe characters. */
export const PERSON_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const Person = z.object({
  id: z.string().regex(PERSON_ID),
  name: z.string().optional(),
  /** Tokens are kept only as their SHA-256 (hex): the file never holds a usable token. */
  token_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  added_at: z.string(),
});
const PeopleFile = z.object({ people: z.array(Person) });
export type Person = z.infer<typeof Person>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** A new token: 32 random bytes, prefixed so a leaked one is recognisable in a scan. */
export function newToken(): string {
  return `vl_${randomBytes(32).toString('base64url')}`;
}

/**
 * The people who may use this server, read from people.json and read again whenever the file
 * changes, so adding or removing a person takes effect without a restart.
 */
export class People {
  /** Keyed by inode and mtime: every save renames a new file into place, so a change is always seen. */
  private cached: { version: string; people: Person[] } | undefined;

  constructor(readonly file: string) {}

  async list(): Promise<Person[]> {
    let version: string;
    try {
      const stat = await fs.stat(this.file);
      version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      return [];
    }
    if (this.cached?.version !== version) {
      const parsed = PeopleFile.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      if (!parsed.success)
        throw new Error(
          `${this.file} is not a valid people file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      this.cached = { version, people: parsed.data.people };
    }
    return this.cached.people;
  }

  /**
   * The person holding this token. Every stored hash is compared, each in constant time, so
   * neither the time taken nor where the match is says anything about the tokens.
   */
  async verify(token: string): Promise<Person | undefined> {
    const presented = sha256(token);
    let found: Person | undefined;
    for (const person of await this.list()) {
      if (timingSafeEqual(presented, Buffer.from(person.token_sha256, 'hex')) && !found) found = person;
    }
    return found;
  }

  /** Adds a person (or gives an existing one a new token) and returns the token, shown only this once. */
  async add(id: string, name?: string): Promise<string> {
    if (!PERSON_ID.test(id))
      throw new Error(
        `"${id}" cannot be a person's id: use lower-case letters, digits, "-" and "_" (up to 63), starting with a letter or digit.`,
      );
    const token = newToken();
    const person: Person = {
      id,
      ...(name && { name }),
      token_sha256: sha256(token).toString('hex'),
      added_at: new Date().toISOString(),
    };
    await this.save([...(await this.list()).filter((p) => p.id !== id), person]);
    return token;
  }

  async remove(id: string): Promise<boolean> {
    const people = await this.list();
    const kept = people.filter((p) => p.id !== id);
    if (kept.length === people.length) return false;
    await this.save(kept);
    return true;
  }

  private async save(people: Person[]): Promise<void> {
    // Only the server's own user reads the hashes.
    await writeFileAtomic(this.file, `${JSON.stringify({ people }, null, 2)}\n`, 0o600);
    this.cached = undefined;
  }
}
