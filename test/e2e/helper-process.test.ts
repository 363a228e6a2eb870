import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLES, tempDir } from '../helpers/server.js';

// The built module: only compiled does it start helper processes (from the sources it works in-process).
const { runInHelper } = (await import(
  path.join(ROOT, 'dist', 'backends', 'local', 'render', 'prepare', 'helper.js')
)) as typeof import('../../src/backends/local/render/prepare/helper.js');

const photo = (name: string) => ({
  original: path.join(SAMPLES, name),
  format: 'jpeg',
  fit: 'cover' as const,
  width: 640,
  height: 360,
});

describe('preparation in a helper process', () => {
  it('fits photos into place and leaves nothing else behind', async () => {
    const dir = tempDir();
    const files = ['a.jpg', 'b.jpg'].map((f) => path.join(dir, 'photos', f));
    await runInHelper('fitPhotos', { jobs: [photo('sunset.jpg'), photo('friends.jpg')], atOnce: 2 }, files);
    expect(await fs.readdir(path.join(dir, 'photos'))).toEqual(['a.jpg', 'b.jpg']);
    for (const file of files)
      expect(await sharp(file).metadata()).toMatchObject({ width: 640, height: 360, format: 'jpeg' });
  });

  it('tells of each photo as soon as it is in place, before the others are done', async () => {
    const dir = tempDir();
    const files = ['a.jpg', 'b.jpg', 'c.jpg'].map((f) => path.join(dir, f));
    const told: string[] = [];
    await runInHelper(
      'fitPhotos',
      { jobs: [photo('sunset.jpg'), photo('friends.jpg'), photo('mountains.jpg')], atOnce: 2 },
      files,
      undefined,
      (file) => {
        expect(existsSync(file)).toBe(true);
        told.push(file);
      },
    );
    expect(told.sort()).toEqual(files);
  });

  it('passes on why a photo could not be fitted, and leaves no partial file', async () => {
    const dir = tempDir();
    const jobs = [photo('sunset.jpg'), { ...photo('sunset.jpg'), original: path.join(dir, 'gone.jpg') }];
    await expect(
      runInHelper('fitPhotos', { jobs, atOnce: 2 }, [path.join(dir, 'a.jpg'), path.join(dir, 'b.jpg')]),
    ).rejects.toMatchObject({
      code: 'render_failed',
      message: expect.stringMatching(/could not be prepared.*gone\.jpg/),
    });
    // A photo fitted before the failure is whole and may stay; the one that failed is not there.
    expect((await fs.readdir(dir)).filter((n) => n !== 'a.jpg')).toEqual([]);
  });

  it('stops when cancelled, leaving no partial file', async () => {
    const dir = tempDir();
    const jobs = Array.from({ length: 24 }, () => photo('mountains.jpg'));
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    await expect(
      runInHelper(
        'fitPhotos',
        { jobs, atOnce: 2 },
        jobs.map((_, i) => path.join(dir, `${i}.jpg`)),
        stop.signal,
      ),
    ).rejects.toMatchObject({ code: 'render_cancelled' });
    const left = await fs.readdir(dir);
    expect(left.length).toBeLessThan(jobs.length);
    for (const name of left)
      expect(await sharp(path.join(dir, name)).metadata()).toMatchObject({ width: 640, height: 360, format: 'jpeg' });
  });
});
