import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadExifr, loadFileType } from '../libraries.js';

/** How the files of a folder are put in the letter: `auto` is by date taken when every picture has one, else by name. */
export type FolderOrder = 'auto' | 'name' | 'date';

export interface FolderFile {
  path: string;
  name: string;
  /** A photo or a clip, whose place in the letter the order decides. */
  picture: boolean;
  /** When the photo was taken (EXIF DateTimeOriginal). */
  takenAt?: Date;
}

export interface FolderListing {
  files: FolderFile[];
  /** Entries that are not files we can add, with why, e.g. a folder inside the folder. */
  skipped: { name: string; reason: string }[];
  order: 'name' | 'date';
}

/** Files people do not see in their file browser (macOS, Windows and editor leftovers). */
const HIDDEN = /^\.|^(thumbs\.db|desktop\.ini)$/i;

/** Name order as a person reads it: "photo 2" before "photo 10", case and accents aside. */
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Puts a folder's files in order. By date: photos with a date taken, oldest first (ties by name),
 * then the rest by name. `auto` goes by date only when every photo and clip has a date (clips carry
 * none in EXIF, so a folder with clips goes by name, which a phone's sequential names keep in the
 * order they were taken).
 */
export function orderFiles(files: FolderFile[], order: FolderOrder): { files: FolderFile[]; order: 'name' | 'date' } {
  const pictures = files.filter((f) => f.picture);
  const byDate = order === 'date' || (order === 'auto' && pictures.length > 0 && pictures.every((f) => f.takenAt));
  const named = [...files].sort((a, b) => byName.compare(a.name, b.name));
  if (!byDate) return { files: named, order: 'name' };
  const dated = named.filter((f) => f.takenAt).sort((a, b) => a.takenAt!.getTime() - b.takenAt!.getTime());
  return { files: [...dated, ...named.filter((f) => !f.takenAt)], order: 'date' };
}

async function takenAt(file: string): Promise<Date | undefined> {
  const exifr = await loadExifr();
  const tags = (await exifr.parse(file, { pick: ['DateTimeOriginal'] }).catch(() => undefined)) as
    { DateTimeOriginal?: unknown } | undefined;
  const date = tags?.DateTimeOriginal;
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * The files directly inside a folder, in the order asked for, and what was passed over. `admit`
 * gives the real path of an entry the caller may read (links followed) or throws why not; nothing
 * of an entry is looked at before it says yes.
 */
export async function listFolder(
  dir: string,
  order: FolderOrder,
  admit: (entry: string) => Promise<string>,
): Promise<FolderListing> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: FolderFile[] = [];
  const skipped: FolderListing['skipped'] = [];
  for (const entry of entries) {
    if (HIDDEN.test(entry.name)) continue;
    let full: string;
    try {
      full = await admit(path.join(dir, entry.name));
    } catch {
      skipped.push({ name: entry.name, reason: 'is a link to a file outside the folders shared with this server.' });
      continue;
    }
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat?.isDirectory()) {
      skipped.push({
        name: entry.name,
        reason: 'is a folder; only the files directly in the folder are added (upload it on its own to add its files).',
      });
    } else if (!stat?.isFile()) {
      skipped.push({ name: entry.name, reason: 'is not a regular file (a broken link or a device).' });
    } else {
      const { fileTypeFromFile } = await loadFileType();
      const mime = stat.size > 0 ? (await fileTypeFromFile(full).catch(() => undefined))?.mime : undefined;
      const photo = mime?.startsWith('image/') ?? false;
      const date = photo ? await takenAt(full) : undefined;
      files.push({
        path: full,
        name: entry.name,
        picture: photo || (mime?.startsWith('video/') ?? false),
        ...(date && { takenAt: date }),
      });
    }
  }
  return { ...orderFiles(files, order), skipped: skipped.sort((a, b) => byName.compare(a.name, b.name)) };
}
