import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MotionFilter } from '../compile/types.js';

/**
 * What was learned about an ffmpeg build, kept in the home folder so that a start does not run
 * ffmpeg four times (version, filters, encoders, the motion probe: about 1.4 s of a 2 s stdio
 * start on a 2-core machine, while a host waits for `tools/list`). An entry holds only while both
 * binaries are the very files it was learned from (same size, modification time and inode), so an
 * upgraded or replaced ffmpeg is examined again.
 */
const Fingerprint = z.object({ size: z.number(), mtimeMs: z.number(), ino: z.number() });
const Learned = z.object({
  ffmpeg: Fingerprint,
  ffprobe: Fingerprint,
  version: z.string(),
  filters: z.array(z.string()),
  motion: z.enum(['scale', 'perspective']) satisfies z.ZodType<MotionFilter>,
});
export type LearnedBuild = Pick<z.infer<typeof Learned>, 'version' | 'filters' | 'motion'>;
const CacheFile = z.record(z.string(), Learned);

const keyOf = (ffmpeg: string, ffprobe: string) => `${ffmpeg}\n${ffprobe}`;

async function fingerprint(file: string): Promise<z.infer<typeof Fingerprint> | undefined> {
  try {
    const { size, mtimeMs, ino } = await fs.stat(file);
    return { size, mtimeMs, ino };
  } catch {
    return undefined;
  }
}

const same = (a: z.infer<typeof Fingerprint> | undefined, b: z.infer<typeof Fingerprint>) =>
  a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

async function readAll(cacheFile: string): Promise<z.infer<typeof CacheFile>> {
  try {
    return CacheFile.parse(JSON.parse(await fs.readFile(cacheFile, 'utf8')));
  } catch {
    // Missing, unreadable or from an older version: examining the build again is always correct.
    return {};
  }
}

export async function recalled(cacheFile: string, ffmpeg: string, ffprobe: string): Promise<LearnedBuild | undefined> {
  const entry = (await readAll(cacheFile))[keyOf(ffmpeg, ffprobe)];
  if (!entry) return undefined;
  const [now, nowProbe] = await Promise.all([fingerprint(ffmpeg), fingerprint(ffprobe)]);
  if (!same(now, entry.ffmpeg) || !same(nowProbe, entry.ffprobe)) return undefined;
  return { version: entry.version, filters: entry.filters, motion: entry.motion };
}

/** Best effort: a home that cannot be written only means the next start examines ffmpeg again. */
export async function remember(
  cacheFile: string,
  ffmpeg: string,
  ffprobe: string,
  learned: LearnedBuild,
): Promise<void> {
  const [a, b] = await Promise.all([fingerprint(ffmpeg), fingerprint(ffprobe)]);
  if (!a || !b) return;
  try {
    const all = await readAll(cacheFile);
    all[keyOf(ffmpeg, ffprobe)] = { ffmpeg: a, ffprobe: b, ...learned };
    await fs.mkdir(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(all));
    await fs.rename(temp, cacheFile);
  } catch {
    // See above.
  }
}
