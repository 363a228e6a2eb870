import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partFrames } from '../../../../../src/backends/local/render/compile/parts.js';
import { renderLetter } from '../../../../../src/backends/local/render/run/render-letter.js';
import { probeVideo } from '../../../../helpers/media.js';
import { prepareLetter, tools, type Prepared } from '../../../../helpers/render.js';
import { SAMPLES, tempDir } from '../../../../helpers/server.js';

const PHOTOS = ['mountains.jpg', 'sunset.jpg', 'friends.jpg'].map((f) => path.join(SAMPLES, f));
const MESSAGE =
  'Dear Grandma, we think of you every day. The mountains were beautiful this spring. We cannot wait to see you again soon.';
const WARM = { enabled: true, volume: 0.35, mood: 'warm' as const };

/** Two parts at once, of a final letter's length even at the test's preview size, so a short letter has several. */
const options = (letter: Prepared, signal?: AbortSignal) => ({
  ffmpeg: tools.ffmpeg,
  ffmpegVersion: 'test',
  cacheDir: path.join(letter.dir, 'cache'),
  concurrency: 2,
  cores: 2,
  partFrames: partFrames('final'),
  signal,
});

async function render(letter: Prepared) {
  const report = await renderLetter(
    letter.timeline,
    async () => letter.visuals,
    letter.sound,
    letter.target,
    options(letter),
  );
  return { report, video: await probeVideo(letter.target.path) };
}

const cached = (letter: Prepared) =>
  readdirSync(path.join(letter.dir, 'cache', 'parts'))
    .filter((n) => !n.startsWith('.'))
    .sort();

describe('rendering a letter in parts beside its sound', () => {
  it('joins the parts and the sound into one MP4 of the planned length, leaving no temp files', async () => {
    const letter = await prepareLetter(PHOTOS, { message: MESSAGE, music: WARM });
    const { report, video } = await render(letter);
    expect(report.parts).toBeGreaterThan(1);
    expect(video).toMatchObject({ width: 960, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(Math.abs(video.duration - letter.timeline.duration)).toBeLessThan(0.1);
    expect(cached(letter).filter((n) => n.endsWith('.m4a'))).toHaveLength(1);
    expect(readdirSync(path.join(letter.dir, 'cache', 'parts')).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('after a music change renders only the sound again and reuses every part', async () => {
    const dir = tempDir('vl-render-');
    const first = await prepareLetter(PHOTOS, { message: MESSAGE, music: WARM }, 'preview', dir);
    await render(first);
    const quieter = await prepareLetter(PHOTOS, { message: MESSAGE, music: { ...WARM, volume: 0.2 } }, 'preview', dir);
    const { report, video } = await render(quieter);
    expect(report.reused).toBe(report.parts);
    expect(video.audioCodec).toBe('aac');
    // One letter's parts and sound are kept: the old sound is gone.
    expect(cached(quieter).filter((n) => n.endsWith('.m4a'))).toHaveLength(1);
    expect(cached(quieter)).toHaveLength(report.parts + 1);
  });

  it('after rewording the last line renders again only the parts where it shows', async () => {
    const dir = tempDir('vl-render-');
    await render(await prepareLetter(PHOTOS, { message: MESSAGE, music: WARM }, 'preview', dir));
    const reworded = await prepareLetter(
      PHOTOS,
      { message: MESSAGE.replace('again soon.', 'again, soon!'), music: WARM },
      'preview',
      dir,
    );
    const { report } = await render(reworded);
    expect(report.reused).toBeGreaterThan(0);
    expect(report.reused).toBeLessThan(report.parts);
    expect(existsSync(reworded.target.path)).toBe(true);
  });
});

describe('preparing the sound and the pictures', () => {
  it('starts the sound only once every photo is fitted, so the two never hold memory at once', async () => {
    const letter = await prepareLetter(PHOTOS, { message: MESSAGE, music: WARM });
    const last = Object.values(letter.visuals.photos).at(-1) as string;
    let lastFitted = false;
    // The last photo takes a while to fit.
    const ready = async (files: readonly string[] = Object.values(letter.visuals.photos)) => {
      if (!files.includes(last)) return;
      await new Promise((r) => setTimeout(r, 300));
      lastFitted = true;
    };
    let fittedWhenSoundStarted: boolean | undefined;
    const sound = (signal: AbortSignal) => {
      fittedWhenSoundStarted = lastFitted;
      return letter.sound(signal);
    };
    await renderLetter(
      letter.timeline,
      async () => ({ ...letter.visuals, ready }),
      sound,
      letter.target,
      options(letter),
    );
    expect(fittedWhenSoundStarted).toBe(true);
    expect(await probeVideo(letter.target.path)).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
  });
});

describe('starting parts while photos are fitted', () => {
  it('renders the first part while the last photo is still being fitted', async () => {
    const letter = await prepareLetter(PHOTOS, { message: MESSAGE });
    const last = Object.values(letter.visuals.photos).at(-1) as string;
    const partRendering = () => readdirSync(path.join(letter.dir, 'cache', 'parts')).some((n) => n.includes('.tmp'));
    // The last photo is ready only once some part is rendering: a render that waited for every
    // photo before its first part would never finish.
    const ready = async (files?: readonly string[]) => {
      if (!files || files.includes(last)) while (!partRendering()) await new Promise((r) => setTimeout(r, 5));
    };
    await renderLetter(
      letter.timeline,
      async () => ({ ...letter.visuals, ready }),
      letter.sound,
      letter.target,
      options(letter),
    );
    expect(await probeVideo(letter.target.path)).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
  });
});

describe('cancelling a letter while its sound is being prepared', () => {
  it('stops the parts already rendering too, and leaves no letter and no temp file', async () => {
    const letter = await prepareLetter(PHOTOS, { message: MESSAGE, music: WARM });
    const stop = new AbortController();
    const partRendering = () => readdirSync(path.join(letter.dir, 'cache', 'parts')).some((n) => n.includes('.tmp'));
    let partsStarted = false;
    // The sound's job runs beside the first part: once that part's ffmpeg is writing, the sound's
    // preparation starts and the render is cancelled in the middle of it.
    const sound = async (signal: AbortSignal) => {
      while (!partRendering()) await new Promise((r) => setTimeout(r, 5));
      partsStarted = true;
      setTimeout(() => stop.abort(), 10);
      return letter.sound(signal);
    };
    await expect(
      renderLetter(letter.timeline, async () => letter.visuals, sound, letter.target, options(letter, stop.signal)),
    ).rejects.toMatchObject({ code: 'render_cancelled' });
    expect(partsStarted).toBe(true);
    expect(existsSync(letter.target.path)).toBe(false);
    const left = readdirSync(letter.dir, { recursive: true }).map(String);
    expect(left.filter((n) => n.includes('.tmp'))).toEqual([]);
    expect(left.filter((n) => n.endsWith('.m4a') || n.includes('loudness'))).toEqual([]);
  });
});
