import { LetterError } from '../../core/errors.js';

/**
 * The render farm's packages (Redis and its queue, the S3 SDK) are optional peer dependencies: a
 * person who runs the server from npx or the Claude Desktop extension never uses them, and they
 * are most of what such an install would download (package.json, docs/workers.md). A host that
 * turns the farm on installs them beside the server; until then, the start says so.
 */
const FARM_PACKAGES = ['bullmq', 'ioredis', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'];

/** The package a failed import could not find, when it is one of the farm's. */
function missingFarmPackage(e: unknown): string | undefined {
  if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const name = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec((e as Error).message)?.[1];
  return name && FARM_PACKAGES.includes(name) ? name : undefined;
}

/** Imports a module of the farm (`what` says what it is for, e.g. "A shared render queue"). */
export async function importFarm<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const missing = missingFarmPackage(e);
    if (!missing) throw e;
    throw new LetterError(
      'farm_missing',
      `${what} needs the npm package ${missing}, which a personal install leaves out. Install the render ` +
        `farm's packages where video-letter-mcp is installed: npm install ${FARM_PACKAGES.join(' ')}`,
    );
  }
}
