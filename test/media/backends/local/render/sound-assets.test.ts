import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareSound } from '../../../../../src/backends/local/render/prepare/sound-assets.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';
import { writeTestClip } from '../../../../../src/dev/test-media.js';
import { FFMPEG } from '../../../../helpers/binaries.js';
import { ffmpeg } from '../../../../helpers/make-media.js';
import { placesIn } from '../../../../helpers/places.js';
import { tempDir } from '../../../../helpers/server.js';

/** A letter that is one 4 s clip with its own sound (a tone), at `volume`, under built-in music. */
const clipLetter = (volume: number): Timeline => ({
  aspect: '16:9',
  duration: 4,
  tracks: [
    {
      type: 'video',
      role: 'video',
      name: 'Video',
      segments: [{ start: 0, end: 4, label: 'clip.mp4', mediaId: 'c1', kind: 'clip', volume }],
    },
    { type: 'audio', role: 'music', name: 'BGM', segments: [{ start: 0, end: 4, label: 'Warm', volume: 0.35 }] },
  ],
});

async function clipPlacesIn(dir: string) {
  const clip = path.join(dir, 'c1.mp4');
  await writeTestClip(FFMPEG, clip, { seconds: 4, size: '160x90', picture: ['gray'] });
  return placesIn(dir, { mediaPath: () => clip, mediaSeconds: () => 4 });
}

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe("preparing the letter's sound", () => {
  it("measures the loudness again when only a clip's own sound level changes", async () => {
    const places = await clipPlacesIn(tempDir());
    const louder = await prepareSound(clipLetter(1), places);
    const quieter = await prepareSound(clipLetter(0.3), places);
    // A quieter clip ducks the music less, so the two mixes measure differently rather than 10 dB apart.
    expect(quieter.loudness).not.toEqual(louder.loudness);
    // Asked again, each is taken from the cache.
    expect(await prepareSound(clipLetter(1), places)).toEqual(louder);
  });

  it('evens a voice recording out once: a later letter with it reads the same prepared file', async () => {
    const dir = tempDir();
    const memo = path.join(dir, 'memo.wav');
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=f=300:d=3', '-af', 'volume=0.05', memo]);
    const places = placesIn(dir, { mediaPath: () => memo, mediaSeconds: () => 3 });
    const voiced = (duration: number): Timeline => ({
      aspect: '16:9',
      duration,
      tracks: [
        {
          type: 'audio',
          role: 'voice',
          name: 'Voice',
          segments: [{ start: 0.5, end: 3.5, label: 'memo.wav', mediaId: 'v1' }],
        },
      ],
    });
    const first = await prepareSound(voiced(5), places);
    const again = await prepareSound(voiced(6), places);
    expect(first.voices?.[0]?.path).toMatch(/voice\/v1-.*-evened\.wav$/);
    expect(again.voices?.[0]?.path).toBe(first.voices?.[0]?.path);
    expect(filesUnder(path.join(dir, 'cache', 'voice'))).toHaveLength(1);
  });

  it('stops when cancelled, leaving no file half-written', async () => {
    const dir = tempDir();
    const places = await clipPlacesIn(dir);
    const stop = new AbortController();
    const preparing = prepareSound(clipLetter(1), places, stop.signal);
    setTimeout(() => stop.abort(), 20);
    await expect(preparing).rejects.toMatchObject({ code: 'render_cancelled' });
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(filesUnder(dir).filter((f) => f.startsWith('cache'))).toEqual([]);
  });
});
