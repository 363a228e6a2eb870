import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY, registerAppResource } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/server';

/** The in-chat player (MCP Apps): get_state and export_video name it in their `_meta.ui`. */
export const PLAYER_URI = 'ui://video-letter/player.html';

/** `_meta` for a tool whose result the player shows (with the key older hosts read). */
export const playerToolMeta = { ui: { resourceUri: PLAYER_URI }, [RESOURCE_URI_META_KEY]: PLAYER_URI };

const ASSETS = new URL('../../../assets/app/', import.meta.url);

/**
 * ext-apps' browser bundle is an ES module ending in one `export {…}`; a host renders the app from
 * a single HTML text with no server behind it, so the bundle is inlined and its exports become a
 * global the player's own script reads.
 */
export function inlineBundle(bundle: string): string {
  const match = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(bundle);
  if (!match || /<\/script/i.test(bundle))
    throw new Error(
      'The @modelcontextprotocol/ext-apps bundle can no longer be inlined: it must end in one export list and hold no </script>.',
    );
  const names = match[1]!
    .split(',')
    .map((entry) => entry.trim().split(/\s+as\s+/))
    .map(([local, exported]) => `${JSON.stringify(exported ?? local)}: ${local}`);
  return `${bundle.slice(0, match.index)}\nglobalThis.McpExtApps = { ${names.join(', ')} };\n`;
}

let html: Promise<string> | undefined;

/** The player as one self-contained HTML document: markup and style, ext-apps, the player's script. */
export function playerHtml(): Promise<string> {
  html ??= (async () => {
    const bundlePath = createRequire(import.meta.url).resolve('@modelcontextprotocol/ext-apps/app-with-deps');
    const [page, bundle, script] = await Promise.all([
      fs.readFile(new URL('player.html', ASSETS), 'utf8'),
      fs.readFile(bundlePath, 'utf8'),
      fs.readFile(new URL('player.js', ASSETS), 'utf8'),
    ]);
    // Module scripts run in order: the library's globals exist before the player starts.
    const scripts = `<script type="module">${inlineBundle(bundle)}</script>\n<script type="module">${script}</script>\n`;
    // A function, so that `$` sequences in the scripts are not read as replacement patterns.
    return page.replace('</body>', () => `${scripts}</body>`);
  })();
  return html;
}

export function registerPlayerApp(server: McpServer): void {
  registerAppResource(
    server,
    'Video letter player',
    PLAYER_URI,
    {
      description:
        "Shows a letter's storyboard and plays its video with captions inside the chat; buttons export the final letter or make it vertical.",
    },
    async () => ({ contents: [{ uri: PLAYER_URI, mimeType: RESOURCE_MIME_TYPE, text: await playerHtml() }] }),
  );
}
