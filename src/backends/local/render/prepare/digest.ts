import { createHash } from 'node:crypto';

/** A short name for a prepared file from everything that shapes it, so a change makes a new file. */
export const digest = (...parts: (string | number)[]) =>
  createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
