import type { McpServer } from '@modelcontextprotocol/server';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LetterError } from '../core/errors.js';

/**
 * The folders a client shares with this server (MCP roots). A client that declares the `roots`
 * capability limits which local paths may be read; one that does not leaves every path open, as
 * before roots existed. The list is asked for once and asked again after the client says it changed.
 */
export interface Roots {
  /**
   * Throws `outside_roots` when the client declared roots and `where` (the real path of `named`,
   * links followed) is in none of them.
   */
  check(named: string, where: string): Promise<void>;
}

const rootsOfServer = new WeakMap<McpServer, Roots>();

/** A path as the file system knows it, links followed, so a link cannot lead out of a root. */
export async function realPath(p: string): Promise<string> {
  return fs.realpath(p).catch(() => path.resolve(p));
}

/** Whether `target` is `root` or under it; a file named `..x.jpg` in the root is inside it. */
function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** The roots of this server's client; every tool of one server shares them. */
export function rootsOf(server: McpServer): Roots {
  const known = rootsOfServer.get(server);
  if (known) return known;
  let folders: Promise<string[]> | undefined;
  server.server.setNotificationHandler('notifications/roots/list_changed', () => {
    folders = undefined;
  });
  const list = async (): Promise<string[]> => {
    const { roots } = await server.server.listRoots();
    return Promise.all(roots.filter((r) => r.uri.startsWith('file://')).map((r) => realPath(fileURLToPath(r.uri))));
  };
  const roots: Roots = {
    async check(named, where) {
      if (!server.server.getClientCapabilities()?.roots) return;
      folders ??= list().catch((e: unknown) => {
        folders = undefined;
        throw new LetterError(
          'outside_roots',
          `The client did not say which folders it shares (roots/list failed: ${(e as Error).message}), so no local file can be read. Try again, or send the file as base64.`,
        );
      });
      const shared = await folders;
      if (shared.some((root) => inside(root, where))) return;
      throw new LetterError(
        'outside_roots',
        shared.length === 0
          ? `"${named}" cannot be read: this client shares no folders with video-letter-mcp (it declared an empty list of roots). Add the folder with the photos to the client's roots, or send the files as base64.`
          : `"${named}" is outside the folders this client shares with video-letter-mcp (its roots: ${shared.join(', ')}). Move the files into one of those folders, or add their folder to the client's roots.`,
      );
    },
  };
  rootsOfServer.set(server, roots);
  return roots;
}
