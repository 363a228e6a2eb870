import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../../../../helpers/media.js';
import { colourDistance, frameAt, pixel } from '../../../../helpers/frames.js';
import { BLUE, GREEN, RED, YELLOW, ffmpeg, quadrants } from '../../../../helpers/make-media.js';
import { preparePictures, type AssetPlaces } from '../../../../../src/backends/local/render/prepare/assets.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';
import { renderLetter } from '../../../../helpers/render.js';
import { placesIn } from '../../../../helpers/places.js';
import { ROOT, SAMPLES, tempDir } from '../../../../helpers/server.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const SMALL = { width: 32, height: 18 };

/** Mean difference per channel between two same-size RGB frames, 0..255. */
const meanDifference = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

/** The middle of the letter, shrunk: away from the fades at either end. */
const middleFrame = (file: string, duration: number) => frameAt(file, duration / 2, SMALL.width, SMALL.height);

/** Colours at the centres of the four quadrants of a shrunk 16:9 frame. */
const quadrantColours = (frame: Buffer) =>
  [
    [8, 4],
    [24, 4],
    [8, 13],
    [24, 13],
  ].map(([x, y]) => pixel(frame, SMALL.width, x!, y!));

describe('photos in the rendered letter', () => {
  it.each([
    ['16:9', 'final', 1920, 1080],
    ['9:16', 'final', 1080, 1920],
    ['1:1', 'final', 1080, 1080],
    ['16:9', 'preview', 960, 540],
    ['9:16', 'preview', 540, 960],
    ['1:1', 'preview', 540, 540],
  ] as const)('a %s letter (%s) is exactly %ix%i', async (aspect, quality, width, height) => {
    const letter = await renderLetter([path.join(SAMPLES, 'sunset.jpg')], { aspect }, quality);
    expect(await probeVideo(letter.path)).toMatchObject({ width, height, fps: '30/1' });
  });

  it('shows a photo with EXIF orientation 6 upright, as the same photo stored upright', async () => {
    const dir = tempDir();
    const upright = path.join(dir, 'upright.jpg');
    const sideways = path.join(dir, 'sideways.jpg');
    await quadrants(640, 360).jpeg({ quality: 95 }).toFile(upright);
    // Stored turned a quarter left, with the tag that tells viewers to turn it a quarter right.
    await sharp(await quadrants(640, 360).rotate(270).jpeg({ quality: 95 }).toBuffer())
      .withMetadata({ orientation: 6 })
      .toFile(sideways);
    expect(await sharp(sideways).metadata()).toMatchObject({ width: 360, height: 640, orientation: 6 });

    const [reference, tagged] = [await renderLetter([upright]), await renderLetter([sideways])];
    const frame = await middleFrame(tagged.path, tagged.timeline.duration);
    expect(meanDifference(frame, await middleFrame(reference.path, reference.timeline.duration))).toBeLessThan(6);
    quadrantColours(frame).forEach((c, i) =>
      expect(colourDistance(c, [RED, GREEN, BLUE, YELLOW][i]!)).toBeLessThan(60),
    );
  });

  it('accepts an iPhone HEIC photo and shows it like the same picture as PNG', async () => {
    const [reference, heic] = [
      await renderLetter([path.join(FIXTURES, 'quadrants.png')]),
      await renderLetter([path.join(FIXTURES, 'quadrants.heic')]),
    ];
    expect(
      meanDifference(
        await middleFrame(heic.path, heic.timeline.duration),
        await middleFrame(reference.path, reference.timeline.duration),
      ),
    ).toBeLessThan(6);
  });

  it('shows the first frame of an animated GIF', async () => {
    const dir = tempDir();
    const gif = path.join(dir, 'wave.gif');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=160x90:r=2:d=1,format=rgb24[a];color=c=blue:s=160x90:r=2:d=1,format=rgb24[b];[a][b]concat=n=2:v=1:a=0',
      gif,
    ]);
    expect((await sharp(gif, { animated: true }).metadata()).pages).toBeGreaterThan(1);
    const letter = await renderLetter([gif]);
    const centre = pixel(await middleFrame(letter.path, letter.timeline.duration), SMALL.width, 16, 9);
    expect(colourDistance(centre, RED)).toBeLessThan(60);
  });

  it('shows a portrait photo in a landscape letter whole, over a darker blurred copy of itself', async () => {
    const dir = tempDir();
    const portrait = path.join(dir, 'portrait.jpg');
    await sharp({ create: { width: 600, height: 900, channels: 3, background: { r: 240, g: 150, b: 40 } } })
      .jpeg()
      .toFile(portrait);
    const letter = await renderLetter([portrait]);
    expect(letter.timeline.tracks[0]!.segments[0]).toMatchObject({ fit: 'contain' });
    const frame = await middleFrame(letter.path, letter.timeline.duration);
    const [centre, side] = [pixel(frame, SMALL.width, 16, 9), pixel(frame, SMALL.width, 1, 9)];
    expect(colourDistance(centre, [240, 150, 40])).toBeLessThan(40);
    // The sides are the same orange, darkened: not black bars, not the photo at full brightness.
    expect(side[0]).toBeGreaterThan(70);
    expect(side[0]).toBeLessThan(centre[0] * 0.75);
    expect(side[0]! > side[1]! && side[1]! > side[2]!).toBe(true);
  });
});

describe('photos for a smaller frame of the letter', () => {
  const timeline: Timeline = {
    aspect: '16:9',
    duration: 5,
    tracks: [
      {
        type: 'video',
        role: 'video',
        name: 'Video',
        segments: [{ start: 0, end: 5, label: 'photo.png', mediaId: 'm1' }],
      },
    ],
  };
  const pngsIn = (dir: string) =>
    placesIn(dir, { mediaPath: (id: string) => path.join(dir, `${id}.png`), mediaSeconds: () => 0 });
  const shrunk = async (file: string) =>
    sharp(file).resize(SMALL.width, SMALL.height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const readyPhoto = async (letter: Timeline, width: number, height: number, places: AssetPlaces) => {
    const pictures = await preparePictures(letter, width, height, places);
    await pictures.ready();
    return pictures.photos.m1!;
  };

  it('are made from the full-size ones when those are there, so a preview and a storyboard show exactly their crop', async () => {
    const dir = tempDir();
    await quadrants(800, 600).png().toFile(path.join(dir, 'm1.png'));
    const places = pngsIn(dir);
    const full = await readyPhoto(timeline, 1920, 1080, places);
    // Stored media never change; replacing the original shows which picture the small ones come from.
    await sharp({ create: { width: 800, height: 600, channels: 3, background: 'white' } })
      .png()
      .toFile(path.join(dir, 'm1.png'));
    for (const [width, height] of [
      [960, 540],
      [384, 216],
    ] as const) {
      const small = await readyPhoto(timeline, width, height, places);
      expect(await sharp(small).metadata()).toMatchObject({ width, height });
      expect(meanDifference(await shrunk(small), await shrunk(full))).toBeLessThan(3);
    }
  });

  it('are fitted from the original when no full-size one was made', async () => {
    const dir = tempDir();
    await sharp({ create: { width: 800, height: 600, channels: 3, background: 'white' } })
      .png()
      .toFile(path.join(dir, 'm1.png'));
    const preview = await readyPhoto(timeline, 960, 540, pngsIn(dir));
    expect(pixel(await shrunk(preview), SMALL.width, 16, 9)).toEqual([255, 255, 255]);
  });
});
