import path from 'node:path';
import type { CallContext } from '../../src/core/backend.js';
import { createLocalBackend, type LocalBackend } from '../../src/backends/local/local.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from './server.js';

/** A tool call's context that is never cancelled and ignores progress. */
export const CALL: CallContext = { signal: new AbortController().signal, progress: () => {} };

/** The local engine as the server makes it, in a new home folder of its own (returned too), logs silenced. */
export async function localBackendIn(prefix: string): Promise<{ backend: LocalBackend; home: string }> {
  const home = tempDir(prefix);
  const backend = await createLocalBackend(
    loadConfig({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out') }),
    createLogger('silent'),
  );
  return { backend, home };
}

/** Exports the letter as a 540p preview and returns the MP4's path. */
export async function exportPreview(backend: LocalBackend, projectId: string): Promise<string> {
  const r = await backend.export(projectId, { quality: 'preview' }, CALL);
  if (r.status !== 'done') throw new Error(`the preview render ended ${r.status}`);
  return r.path;
}
