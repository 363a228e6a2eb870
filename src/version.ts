import { createRequire } from 'node:module';

/** This package's version, from package.json (one level up from both src/ and dist/). */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
