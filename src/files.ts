import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * A sibling temp name on the same filesystem, so the final rename is atomic. It names the process
 * writing it, so a server started after this one was killed knows the file will never be finished
 * and removes it (`TEMP_NAME`, backends/local/jobs/sweep.ts).
 */
export function tempSibling(finalPath: string): string {
  return path.join(
    path.dirname(finalPath),
    `.${path.basename(finalPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** A temp sibling's name, with the process id of its writer (absent in names from older versions). */
export const TEMP_NAME = /^\..+\.(?:(\d+)-)?[0-9a-f]{8}\.tmp(?:\.\w+)?$/;

/**
 * Writes a file so a reader (or a crash) never sees it half-written: write a temp sibling, flush
 * it to disk, then rename over the target.
 */
export async function writeFileAtomic(finalPath: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await fs.mkdir(path.dirname(finalPath), { recursive: true });
  const tmp = tempSibling(finalPath);
  const handle = await fs.open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, finalPath);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** Copies a file into place atomically (temp sibling, then rename). */
export async function copyFileAtomic(from: string, finalPath: string): Promise<void> {
  await fs.mkdir(path.dirname(finalPath), { recursive: true });
  const tmp = tempSibling(finalPath);
  try {
    await fs.copyFile(from, tmp);
    await fs.rename(tmp, finalPath);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
