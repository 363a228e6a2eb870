import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../core/backend.js';
import { LetterError } from '../../core/errors.js';
import { isActive } from '../../core/render.js';

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Bytes of every file under a folder (links not followed); a folder not made yet holds none. */
async function sizeOf(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await sizeOf(full);
    else if (entry.isFile()) total += (await fs.stat(full).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

/** The person's letters with a render waiting or running. */
async function rendersUnderWay(backend: Backend): Promise<Set<string>> {
  const busy = new Set<string>();
  for (const id of (await backend.letters?.()) ?? []) {
    const state = await backend.state(id).catch(() => undefined);
    if (state?.renders.some((r) => isActive(r.status))) busy.add(id);
  }
  return busy;
}

/**
 * One person's share of a shared server: the files they keep (their folder: media, letters,
 * exports) and the renders they have waiting or running at once. Sessions are counted where they
 * are made (`Sessions`). Each refusal names the limit and what frees room.
 */
export function personQuotas(backend: Backend, home: string, limits: { storageBytes: number; renders: number }) {
  return {
    async beforeUpload(): Promise<void> {
      const used = await sizeOf(home);
      if (used >= limits.storageBytes)
        throw new LetterError(
          'quota_exceeded',
          `Your letters and files take ${mb(used)} on this server, its limit for one person is ${mb(limits.storageBytes)}, so nothing more can be added. Ask whoever runs the server for more room, or for old letters to be removed.`,
        );
    },
    async beforeRender(projectId: string): Promise<void> {
      const busy = await rendersUnderWay(backend);
      // Asking again for a letter already rendering collects it rather than starting another.
      if (busy.has(projectId) || busy.size < limits.renders) return;
      throw new LetterError(
        'quota_exceeded',
        `You already have ${busy.size} ${busy.size === 1 ? 'letter' : 'letters'} rendering or waiting to render, the most one person may have at once on this server (${limits.renders}). Wait for one to finish (export_video shows its progress) or stop one (export_video with cancel: true), then export this letter.`,
      );
    },
  };
}
