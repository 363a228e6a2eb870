import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInBeats } from '../../src/backends/local/music/beats.js';
import { offBeat, sceneChanges, songBeatTimes, writeSongLikeTrack } from '../../src/dev/beat-check.js';
import { FFMPEG } from '../helpers/binaries.js';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';

const { home, call } = serverForFile({}, 'vl-beats-');
const SAMPLE_FILES = ['friends.jpg', 'life.jpg', 'mountains.jpg', 'sunset.jpg'];

/** Eight photos (the samples and their mirror images), cut rather than crossfaded so ffmpeg sees each change. */
async function letterOfEightPhotos(): Promise<string> {
  let projectId: string | undefined;
  for (const [i, file] of [...SAMPLE_FILES, ...SAMPLE_FILES].entries()) {
    const photo = path.join(home, `photo-${i + 1}.jpg`);
    const picture = sharp(path.join(SAMPLES, file));
    await (i < SAMPLE_FILES.length ? picture : picture.flop()).toFile(photo);
    const r = await call('upload_media', { path: photo, ...(projectId && { project_id: projectId }) });
    projectId ??= structured<{ project_id: string }>(r).project_id;
  }
  return projectId!;
}

async function exportedCuts(projectId: string): Promise<{ cuts: number[]; duration: number }> {
  const r = await call('generate_letter', {
    project_id: projectId,
    title: 'For Dad',
    message: 'Happy birthday, Dad. We love you.',
    closing: 'Anna and Tom',
    edits: [{ op: 'transition', style: 'cut' }],
  });
  expect(r.isError, text(r)).toBeFalsy();
  const done = structured<{ path: string }>(await call('export_video', { project_id: projectId, quality: 'preview' }));
  const { duration } = await probeVideo(done.path);
  // The title card's own change and the closing card are no photo changes: keep the cuts between photos.
  const cuts = (await sceneChanges(FFMPEG, done.path)).filter((t) => t > 4 && t < duration - 5);
  return { cuts, duration };
}

describe('photo changes on the beat, measured on the rendered MP4', () => {
  let builtIn: string;
  let withSong: string;
  beforeAll(async () => {
    builtIn = await letterOfEightPhotos();
    withSong = await letterOfEightPhotos();
    const song = path.join(home, 'our-song.mp3');
    await writeSongLikeTrack(FFMPEG, song, 90);
    const r = await call('upload_media', { project_id: withSong, path: song, role: 'music' });
    expect(text(r)).toMatch(/^Stored music "our-song\.mp3"/);
  });

  it('with the built-in music (warm, 72 bpm), every photo change ffmpeg sees is within 40 ms of a beat', async () => {
    const { cuts, duration } = await exportedCuts(builtIn);
    expect(cuts.length).toBeGreaterThanOrEqual(6);
    const misses = offBeat(cuts, builtInBeats('warm', 0, duration));
    expect(Math.max(...misses)).toBeLessThanOrEqual(0.04);
  });

  it('with an uploaded song (100 bpm, drums), every photo change is within 40 ms of one of its beats', async () => {
    const { cuts } = await exportedCuts(withSong);
    expect(cuts.length).toBeGreaterThanOrEqual(6);
    const misses = offBeat(cuts, songBeatTimes(90));
    expect(Math.max(...misses)).toBeLessThanOrEqual(0.04);
  });
});
