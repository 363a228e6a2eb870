import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { messageCaption } from '../../../../../src/backends/local/text/cards.js';

/** Pixels clearly coloured (not grey, not white): only a colour emoji face draws them on a caption. */
async function colouredPixels(png: Buffer): Promise<number> {
  const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let coloured = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
  }
  return coloured;
}

// A file of its own: the fonts are registered once per process, and this is about the order.
describe('the colour emoji face, registered only once some text has an emoji', () => {
  it('draws emoji in colour in a process that has drawn only plain text so far', async () => {
    expect(await colouredPixels((await messageCaption('We miss you every day.', 640, 360)).png)).toBe(0);
    expect(await colouredPixels((await messageCaption('🌷🎂', 640, 360)).png)).toBeGreaterThan(200);
  });
});
