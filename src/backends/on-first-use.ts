import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Backend, LetterChange } from '../core/backend.js';
import type { BackendMaker } from './index.js';

/** The stdio server's backend, whose engine is opened by the first call that needs it (or `prepare`). */
export interface BackendOnFirstUse extends Backend {
  /** Opens the engine now, in the background; a failure is logged and the next call tries again. */
  prepare(): void;
  /** Opens the engine now; a failure is thrown, in the sentence a start stops with. */
  open(): Promise<void>;
}

interface Opened {
  maker: BackendMaker;
  backend: Backend;
}

/**
 * A host starts the stdio server every time it opens and waits for `tools/list`, which needs no
 * engine. So the engine (the local one is ~130 modules), finding ffmpeg (five runs of it in a new
 * home) and clearing what a killed server left in the home all wait for the first call that needs
 * them, or for `prepare` once the tools are listed. A failure to open (no usable ffmpeg) is that
 * call's error, in the same sentence a start used to stop with, and the next call tries again: a
 * person who installs ffmpeg then need not restart the host.
 */
export function backendOnFirstUse(config: Config, log: Logger): BackendOnFirstUse {
  let opening: Promise<Opened> | undefined;
  // Resource subscribers listen from the start; the engine's changes reach them once it is open.
  const listeners = new Set<(change: LetterChange) => void>();
  const open = (): Promise<Opened> =>
    (opening ??= (async () => {
      const { createBackendMaker } = await import('./index.js');
      const maker = await createBackendMaker(config, log);
      const backend = maker.make(config, log);
      backend.watch?.((change) => listeners.forEach((listener) => listener(change)));
      return { maker, backend };
    })().catch((e: unknown) => {
      opening = undefined;
      throw e;
    }));
  const engine = async () => (await open()).backend;
  // The local engine has every optional method.
  const local = async () => (await engine()) as Required<Backend>;

  const backend: BackendOnFirstUse = {
    name: config.backend,
    upload: async (input, ctx) => (await engine()).upload(input, ctx),
    generate: async (projectId, request, ctx) => (await engine()).generate(projectId, request, ctx),
    state: async (projectId) => (await engine()).state(projectId),
    credits: async () => (await engine()).credits(),
    export: async (projectId, options, ctx) => (await engine()).export(projectId, options, ctx),
    async open() {
      await open();
    },
    prepare() {
      open().catch((e: unknown) => log.warn({ err: e }, 'the engine could not be opened yet'));
    },
    async close() {
      const opened = await opening?.catch(() => undefined);
      await opened?.backend.close();
      await opened?.maker.close();
    },
  };
  if (config.backend === 'cloud') return backend;
  // What only the local engine can do (the cloud client has none of these: tools check for them).
  return {
    ...backend,
    momentStill: async (projectId, moment) => (await local()).momentStill(projectId, moment),
    storyboard: async (projectId) => (await local()).storyboard(projectId),
    letters: async () => (await local()).letters(),
    watch(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
