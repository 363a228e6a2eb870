import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Icon } from '@modelcontextprotocol/client';
import { serverForFile } from '../helpers/server.js';

/**
 * A host shows the server and each tool with its icon (MCP 2025-11-25 `icons`): the built server,
 * over stdio with the SDK's Client, names a light and a dark icon for itself and for every tool,
 * each as SVG and as a 64x64 PNG, inline as data: URIs that decode to those pictures.
 */
const { server } = serverForFile();

async function expectThemedPictures(icons: Icon[] | undefined): Promise<void> {
  expect(icons?.map((i) => `${i.theme} ${i.mimeType} ${i.sizes?.join(',')}`).sort()).toEqual([
    'dark image/png 64x64',
    'dark image/svg+xml any',
    'light image/png 64x64',
    'light image/svg+xml any',
  ]);
  for (const icon of icons ?? []) {
    const match = /^data:(image\/[a-z+]+);base64,([A-Za-z0-9+/]+=*)$/.exec(icon.src);
    expect(match?.[1]).toBe(icon.mimeType);
    const picture = await sharp(Buffer.from(match![2]!, 'base64')).metadata();
    expect(picture.format).toBe(icon.mimeType === 'image/png' ? 'png' : 'svg');
    expect([picture.width, picture.height]).toEqual([64, 64]);
  }
}

describe('icons', () => {
  it('the server introduces itself with its title, website and a light and a dark icon', async () => {
    const info = server().client.getServerVersion();
    expect(info).toMatchObject({ name: 'video-letter-mcp', title: 'Video Letter' });
    expect(info?.websiteUrl).toMatch(/^https:\/\//);
    await expectThemedPictures(info?.icons);
  });

  it('every tool has a light and a dark icon of its own', async () => {
    const { tools } = await server().client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(6);
    for (const tool of tools) await expectThemedPictures(tool.icons);
    const light = tools.map((t) => t.icons?.find((i) => i.theme === 'light' && i.mimeType === 'image/png')?.src);
    expect(new Set(light).size).toBe(tools.length);
  });
});
