import path from 'node:path';
import { z } from 'zod';

/** The BullMQ queue of letters' parts, beside the letters' own queue: any worker with a free core takes one. */
export const PARTS_QUEUE = 'video-letter-parts';
/** Stands for the file ffmpeg writes in a part's arguments: each worker writes its own temp file beside the part. */
export const PART_OUTPUT = '<part>';

/** A file under VIDEO_LETTER_HOME, named relative to it. */
const Shared = z.object({ home: z.string() });

/**
 * One part of a letter as it travels through Redis: the ffmpeg arguments that render it, with
 * every file under VIDEO_LETTER_HOME named relative to it (a worker on another machine may mount
 * the shared folder elsewhere), the cache file it becomes, its length (for progress) and the
 * letter's job, whose cancel stops it.
 */
export const PartOrder = z.object({
  letterJobId: z.string(),
  file: Shared,
  args: z.array(z.union([z.string(), Shared])),
  seconds: z.number().positive(),
});
export type PartOrder = z.infer<typeof PartOrder>;

const under = (root: string, file: string) => {
  const relative = path.relative(root, file);
  return path.isAbsolute(file) && relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : undefined;
};

/**
 * Pure: a part rendered on this machine as `args` into `file` → the order any worker can render.
 * An absolute path outside the shared folder is kept as it is (the same on every machine, like
 * a program's own files); the part's file must be inside it, or no other worker could write it.
 */
export function partOrder(root: string, letterJobId: string, file: string, args: string[], seconds: number): PartOrder {
  const home = under(root, file);
  if (home === undefined) throw new Error(`A part can only be shared from inside VIDEO_LETTER_HOME (${root}): ${file}`);
  return {
    letterJobId,
    file: { home },
    args: args.map((a) => {
      const shared = under(root, a);
      return shared === undefined ? a : { home: shared };
    }),
    seconds,
  };
}

/** Pure: the order's files where this machine mounts the shared folder, and its arguments writing to `partial`. */
export function partHere(root: string, order: PartOrder): { file: string; argsFor: (partial: string) => string[] } {
  const here = (a: string | { home: string }) => (typeof a === 'string' ? a : path.join(root, a.home));
  return {
    file: here(order.file),
    argsFor: (partial) => order.args.map((a) => (a === PART_OUTPUT ? partial : here(a))),
  };
}

/**
 * Pure: the part's job id: its letter's job and its cache file, so a letter taken over from a
 * worker that died attaches to the parts already on the queue, and two letters sharing a part
 * never stop each other's (BullMQ refuses ':' in an id).
 */
export function partJobId(letterJobId: string, file: string): string {
  return `${letterJobId}-${path.basename(file, path.extname(file))}`;
}
