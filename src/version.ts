import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string; homepage: string };

/** This package's version, from package.json (one level up from both src/ and dist/). */
export const VERSION = pkg.version;

/** Where people read about the server: the project's page. */
export const HOMEPAGE = pkg.homepage;
