import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoBox } from '../../../../../src/core/media/record.js';
import { readPicture } from '../../../../../src/backends/local/pictures/read-picture.js';

const faces = fileURLToPath(new URL('../../../../fixtures/faces/', import.meta.url));
/** Where each test photo's face was composited (see test/fixtures/faces/ATTRIBUTION.md). */
const placed = JSON.parse(readFileSync(path.join(faces, 'placed.json'), 'utf8')) as Record<string, PhotoBox>;
const log = pino({ level: 'warn' }, process.stderr);
const centre = (b: PhotoBox) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

describe('finding the subject of a photo', () => {
  it.each(Object.keys(placed))('finds the one face in %s where it was put', async (name) => {
    const picture = await readPicture(path.join(faces, name), 'jpg', log);
    expect(picture.faces).toHaveLength(1);
    const found = centre(picture.faces[0]!);
    const truth = centre(placed[name]!);
    expect(Math.abs(found.x - truth.x)).toBeLessThan(0.05);
    expect(Math.abs(found.y - truth.y)).toBeLessThan(0.05);
    // The box is about the face, not the whole composited picture of head and shoulders.
    expect(picture.faces[0]!.height).toBeLessThan(placed[name]!.height);
  });

  describe('a sideways phone photo', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'vl-faces-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('gives the face in the upright photo the person sees', async () => {
      // Stored turned a quarter clockwise with EXIF orientation 6 ("rotate 90° to show"), as phones do.
      const sideways = path.join(dir, 'sideways.jpg');
      await sharp(path.join(faces, 'landscape-right.jpg'))
        .rotate(-90)
        .withMetadata({ orientation: 6 })
        .toFile(sideways);
      const picture = await readPicture(sideways, 'jpg', log);
      expect(picture.faces).toHaveLength(1);
      expect(centre(picture.faces[0]!).x).toBeGreaterThan(0.8);
    });
  });

  it('points where the eye goes in a photo with no face', async () => {
    // A bright red disc at the right of a dull grey landscape.
    const disc = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540"><rect width="960" height="540" fill="#777"/>' +
        '<circle cx="800" cy="160" r="70" fill="#e22"/></svg>',
    );
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vl-salient-'));
    try {
      const file = path.join(dir, 'disc.png');
      await sharp(disc).png().toFile(file);
      const picture = await readPicture(file, 'png', log);
      expect(picture.faces).toEqual([]);
      expect(picture.saliency.x).toBeGreaterThan(0.7);
      expect(picture.saliency.y).toBeLessThan(0.45);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
