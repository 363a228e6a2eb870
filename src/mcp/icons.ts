import { readFileSync } from 'node:fs';
import type { Icon } from '@modelcontextprotocol/server';

/**
 * Icons for the server and each tool (MCP 2025-11-25 `icons`), drawn by scripts/render-icons.mjs
 * into assets/icons/. They travel inline as data: URIs: a stdio client cannot fetch a file of the
 * package, and an https address would make every host fetch from a site the server does not run.
 * Each comes as SVG (any size) and as a 64x64 PNG (the format every host must show), in a light
 * theme (for light backgrounds) and a dark one. Together they are about 20 KB of tools/list.
 */
const ICONS = new URL('../../assets/icons/', import.meta.url);

/** The server's own icon (also the extension's and the registry's). */
export const SERVER_ICON = 'video-letter';

const THEMES = ['light', 'dark'] as const;

const dataUri = (file: string, mimeType: string) =>
  `data:${mimeType};base64,${readFileSync(new URL(file, ICONS)).toString('base64')}`;

const read = new Map<string, Icon[]>();

/** The icons drawn for a tool (by its name) or the server; none when none was drawn. */
export function iconsOf(name: string): Icon[] {
  let icons = read.get(name);
  if (!icons) {
    try {
      icons = THEMES.flatMap((theme): Icon[] => [
        { src: dataUri(`${name}-${theme}.svg`, 'image/svg+xml'), mimeType: 'image/svg+xml', sizes: ['any'], theme },
        { src: dataUri(`${name}-${theme}.png`, 'image/png'), mimeType: 'image/png', sizes: ['64x64'], theme },
      ]);
    } catch {
      icons = [];
    }
    read.set(name, icons);
  }
  return icons;
}
