import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { serverForFile, structured, tempDir } from '../helpers/server.js';

const { call } = serverForFile();

const COLOURS = { red: [210, 40, 40], green: [40, 180, 60], blue: [40, 70, 210] } as const;

/** A photo of one colour with a lighter square in it, so it has something to look at. */
async function colourPhoto(dir: string, name: keyof typeof COLOURS): Promise<string> {
  const [r, g, b] = COLOURS[name];
  const file = path.join(dir, `${name}.jpg`);
  const square = await sharp({
    create: {
      width: 80,
      height: 80,
      channels: 3,
      background: { r: Math.min(255, r + 40), g: Math.min(255, g + 40), b: Math.min(255, b + 40) },
    },
  })
    .png()
    .toBuffer();
  await sharp({ create: { width: 800, height: 450, channels: 3, background: { r, g, b } } })
    .composite([{ input: square }])
    .jpeg()
    .toFile(file);
  return file;
}

/** The sheet as raw RGB pixels, from get_state's attached image. */
async function sheetPixels(result: CallToolResult): Promise<Buffer> {
  const image = result.content.find((c) => c.type === 'image') as { data: string } | undefined;
  return sharp(Buffer.from(image?.data ?? '', 'base64'))
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** How many pixels are clearly coloured (HSV saturation over 0.25, not dark): the photos' own colour, not grey. */
function colouredPixels(rgb: Buffer): number {
  let count = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const max = Math.max(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
    const min = Math.min(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
    if (max > 40 && (max - min) / max > 0.25) count++;
  }
  return count;
}

describe('storyboard through get_state', () => {
  it('returns a JPEG contact sheet whose tiles show the photos in the letter’s order', async () => {
    const dir = tempDir();
    let projectId: string | undefined;
    for (const name of ['green', 'red', 'blue'] as const) {
      const r = await call('upload_media', {
        path: await colourPhoto(dir, name),
        ...(projectId && { project_id: projectId }),
      });
      projectId = structured<{ project_id: string }>(r).project_id;
    }
    await call('generate_letter', { project_id: projectId, photo_order: ['red.jpg', 'green.jpg', 'blue.jpg'] });

    const r = await call('get_state', { project_id: projectId, storyboard: true });
    expect(r.isError).toBeFalsy();
    expect(structured(r)).toMatchObject({
      storyboard: { mime_type: 'image/jpeg', tiles: ['1. red.jpg', '2. green.jpg', '3. blue.jpg'] },
    });
    const image = r.content.find((c) => c.type === 'image') as { data: string; mimeType: string } | undefined;
    expect(image?.mimeType).toBe('image/jpeg');
    const { data, info } = await sharp(Buffer.from(image?.data ?? '', 'base64'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect((await sharp(Buffer.from(image?.data ?? '', 'base64')).metadata()).format).toBe('jpeg');

    // Where on the sheet each photo's colour is: the mean x of the pixels of that colour.
    const centres = Object.entries(COLOURS).map(([name, colour]) => {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < data.length; i += 3) {
        if (
          Math.abs(data[i]! - colour[0]) + Math.abs(data[i + 1]! - colour[1]) + Math.abs(data[i + 2]! - colour[2]) <
          60
        ) {
          sum += (i / 3) % info.width;
          count++;
        }
      }
      return { name, x: sum / count, count };
    });
    for (const c of centres) expect(c.count, `${c.name} tile`).toBeGreaterThan(20_000);
    expect([...centres].sort((a, b) => a.x - b.x).map((c) => c.name)).toEqual(['red', 'green', 'blue']);
  });

  it('shows a black-and-white letter in black and white, as it will be rendered', async () => {
    const dir = tempDir();
    const first = await call('upload_media', { path: await colourPhoto(dir, 'red') });
    const projectId = structured<{ project_id: string }>(first).project_id;
    await call('upload_media', { project_id: projectId, path: await colourPhoto(dir, 'blue') });
    await call('generate_letter', { project_id: projectId, title: 'Dear Mom' });
    const colour = colouredPixels(
      await sheetPixels(await call('get_state', { project_id: projectId, storyboard: true })),
    );

    await call('generate_letter', { project_id: projectId, style: 'black-and-white' });
    const grey = colouredPixels(
      await sheetPixels(await call('get_state', { project_id: projectId, storyboard: true })),
    );
    expect(colour).toBeGreaterThan(100_000);
    // JPEG leaves a few tinted pixels at sharp edges (the labels); a coloured tile is 80,000.
    expect(grey).toBeLessThan(100);
  });
});
