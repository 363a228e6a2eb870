import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  SAFE,
  closingCard,
  messageCaption,
  titleCard,
  verticalMargins,
  wrapText,
  type Overlay,
} from '../../../../../src/backends/local/text/cards.js';
import { fontList, HAND, loadFonts, textDirection } from '../../../../../src/backends/local/text/fonts.js';
import { FFMPEG } from '../../../../helpers/audio.js';
import { runProgram } from '../../../../helpers/binaries.js';
import { ROOT, tempDir } from '../../../../helpers/server.js';

const GOLDEN = path.join(ROOT, 'test', 'golden');
const dir = tempDir('vl-cards-');

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}
const pixels = async (png: Buffer): Promise<Pixels> => {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/**
 * Compares a card with its golden image: the same size, on average within 2 levels a channel, and
 * under 0.5% of pixels off by more than 48 (font hinting and antialiasing may move an edge, a
 * missing glyph or a wrong fallback changes far more). UPDATE_GOLDEN=1 writes the goldens afresh.
 */
async function expectGolden(name: string, png: Buffer): Promise<void> {
  const file = path.join(GOLDEN, `${name}.png`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) await fs.writeFile(file, png);
  const [got, want] = await Promise.all([pixels(png), pixels(await fs.readFile(file))]);
  expect([got.width, got.height]).toEqual([want.width, want.height]);
  let total = 0;
  let off = 0;
  for (let i = 0; i < got.data.length; i++) {
    const d = Math.abs((got.data[i] ?? 0) - (want.data[i] ?? 0));
    total += d;
    if (d > 48) off++;
  }
  expect(total / got.data.length).toBeLessThan(2);
  expect(off / got.data.length).toBeLessThan(0.005);
}

/** Bounding box of the solid text (alpha over 200: the scrim and shadow are lighter than that). */
async function textBox(o: Overlay) {
  const { data, width, height } = await pixels(o.png);
  let left = width,
    right = -1,
    top = height,
    bottom = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if ((data[(y * width + x) * 4 + 3] ?? 0) > 200) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  return { left: left + o.x, right: right + o.x, top: top + o.y, bottom: bottom + o.y, found: right >= 0 };
}

const CASES: [string, string][] = [
  ['emoji', 'Happy birthday Grandma 🎂❤️👨‍👩‍👧 see you soon 🌷'],
  ['accents', 'Joyeux anniversaire, Zoë! Café crème, Ångström, Żółć, São João'],
  ['cjk', '亲爱的奶奶，谢谢您给我们的爱。おばあちゃん、ありがとう'],
  ['arabic', 'مع حبي، أمي العزيزة. عيد ميلاد سعيد'],
];

describe('message captions in every script', () => {
  it.each(CASES)('%s matches its golden image', async (name, text) => {
    await expectGolden(`caption-${name}`, (await messageCaption(text, 640, 360)).png);
  });

  it('draws emoji in colour, not as outlines', async () => {
    const { data } = await pixels((await messageCaption('🌷🎂', 640, 360)).png);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
    }
    expect(coloured).toBeGreaterThan(200);
  });

  it('reads Arabic and Hebrew right to left, and a line that starts in English left to right', () => {
    expect(textDirection('مع حبي Mama')).toBe('rtl');
    expect(textDirection('שלום אמא')).toBe('rtl');
    expect(textDirection('Love you, مع حبي')).toBe('ltr');
  });

  it('never starts a Chinese or Japanese row with closing punctuation', async () => {
    await loadFonts();
    const ctx = createCanvas(8, 8).getContext('2d');
    ctx.font = fontList(HAND, 40);
    for (let width = 200; width < 700; width += 17) {
      for (const row of wrapText(ctx, '亲爱的奶奶，谢谢您给我们的爱。おばあちゃん、ありがとう', width).slice(1)) {
        expect(row).not.toMatch(/^[、。，！？」]/u);
      }
    }
  });
});

describe('text stays inside the safe area', () => {
  const long =
    'Thank you for every summer at the lake, for the pancakes, the stories and the songs, and for always waiting at the door';
  it.each([
    [1920, 1080],
    [1080, 1920],
    [1080, 1080],
  ])('at %ix%i, for the title, every caption position and the closing card', async (width, height) => {
    const margin = verticalMargins(width, height);
    const overlays = [
      await titleCard('A very long title for my dearest grandmother Anneliese', width, height),
      await closingCard('With all our love, Anna, Ben, Clara and little Dominik', width, height),
      ...(await Promise.all((['bottom', 'center', 'top'] as const).map((p) => messageCaption(long, width, height, p)))),
    ];
    for (const o of overlays) {
      const box = await textBox(o);
      expect(box.found).toBe(true);
      expect(box.left).toBeGreaterThanOrEqual((width * (1 - SAFE)) / 2 - 2);
      expect(box.right).toBeLessThanOrEqual((width * (1 + SAFE)) / 2 + 2);
      expect(box.top).toBeGreaterThanOrEqual(margin.top);
      expect(box.bottom).toBeLessThanOrEqual(height - margin.bottom);
    }
  });
});

describe('the shade behind a caption', () => {
  /** How opaque the overlay is in its middle column, at each row of the frame it covers. */
  const shadeByFrameRow = async (o: Overlay) => {
    const { data, width } = await pixels(o.png);
    return (row: number) => data[((row - o.y) * width + Math.floor(width / 2)) * 4 + 3] ?? 0;
  };

  it('runs to the bottom edge of the frame under a caption at the bottom, with no hard line across the photo', async () => {
    const caption = await messageCaption('We miss you every day.', 1920, 1080, 'bottom');
    const alpha = await shadeByFrameRow(caption);
    expect(caption.y + caption.height).toBe(1080);
    expect(alpha(1079)).toBeGreaterThan(80);
    expect(alpha(caption.y)).toBe(0);
  });

  it('runs to the top edge of the frame over a caption at the top', async () => {
    const caption = await messageCaption('We miss you every day.', 1920, 1080, 'top');
    const alpha = await shadeByFrameRow(caption);
    expect(caption.y).toBe(0);
    expect(alpha(0)).toBeGreaterThan(80);
    expect(alpha(caption.y + caption.height - 1)).toBeLessThan(10);
  });
});

describe('the closing card over a photo', () => {
  it("dims the picture by its scrim through ffmpeg's alpha overlay, as the renderer composes it", async () => {
    const card = await closingCard('Love, Anna', 320, 180);
    const png = path.join(dir, 'closing.png');
    await fs.writeFile(png, card.png);
    // A light grey "photo"; the renderer's own chain: yuva420p still, alpha fade, overlay in yuv420.
    const { bytes: out } = await runProgram(FFMPEG, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=0xC8C8C8:s=320x180:r=30:d=1',
      '-i',
      png,
      '-filter_complex',
      '[1:v]format=yuva420p,loop=loop=29:size=1:start=0,settb=1/30,setpts=N,fade=t=in:st=0:d=0.2:alpha=1[o];' +
        '[0:v]format=yuv420p[b];[b][o]overlay=eof_action=pass:format=yuv420,select=eq(n\\,20),format=gray',
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-',
    ]);
    const { data } = await pixels(card.png);
    // The corner, away from the text: grey 200 under rgba(20,14,10,0.55).
    const alpha = (data[3] ?? 0) / 255;
    const expected = 200 * (1 - alpha) + 15 * alpha;
    const corner = out[0] ?? 0;
    // Luma in limited range: 16 + 219 * value / 255.
    expect(Math.abs(corner - (16 + (219 * expected) / 255))).toBeLessThan(4);
  });
});
