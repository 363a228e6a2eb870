import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInBeats } from '../../../../../src/backends/local/music/beats.js';
import { trackBeats } from '../../../../../src/backends/local/music/beat-tracking.js';
import { encodeWav, MOOD_NAMES, MOODS, synthesizeMusic } from '../../../../../src/backends/local/music/synth.js';
import {
  BASS_AND_ARPEGGIO_BPM,
  BASS_AND_ARPEGGIO_FIRST_BEAT,
  beatGrid,
  CLICKS_BPM,
  CLICKS_FIRST_BEAT,
  SONG_BPM,
  SONG_FIRST_BEAT,
  songBeatTimes,
  WALTZ_FIRST_BEAT,
  writeBassAndArpeggioTrack,
  writeClickTrack,
  writeDrummedWaltzTrack,
  writeSongLikeTrack,
  writeWaltzTrack,
} from '../../../../../src/dev/test-media.js';
import { tools } from '../../../../helpers/binaries.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vl-beats-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The largest distance from a time in `from` to the nearest in `to`, leaving out the first second. */
function worstMiss(from: number[], to: number[]): number {
  return Math.max(...from.filter((t) => t > 1).map((t) => Math.min(...to.map((b) => Math.abs(b - t)))));
}

/** Every true beat is found, and every beat found is a true one (not an off-beat between), within 40 ms, up to `seconds`. */
function expectOnTheBeats(found: number[], truth: number[], seconds: number) {
  expect(worstMiss(truth, found)).toBeLessThan(0.04);
  expect(
    worstMiss(
      found.filter((t) => t < seconds),
      truth,
    ),
  ).toBeLessThan(0.04);
}

/** The 30 s track in `file` is tracked at `bpm`, on the beats of that tempo from `first`. */
async function expectTrackedAt(file: string, bpm: number, first: number) {
  const beats = await trackBeats(tools.ffmpeg, file);
  expect(beats.bpm).toBeCloseTo(bpm, 0);
  expectOnTheBeats(beats.times, beatGrid(bpm, first, 30), 29);
}

describe('tracking the beats of uploaded music', () => {
  it('finds every click of a 100 bpm click track within 40 ms', async () => {
    const file = path.join(dir, 'clicks.mp3');
    await writeClickTrack(tools.ffmpeg, file, 20);
    const beats = await trackBeats(tools.ffmpeg, file);
    expect(beats.bpm).toBeCloseTo(CLICKS_BPM, 0);
    expectOnTheBeats(beats.times, beatGrid(CLICKS_BPM, CLICKS_FIRST_BEAT, 19.5), 19.5);
  });

  // Arpeggios of two to four notes a beat: tracking their notes would double or quadruple the tempo,
  // or put the beats a sixteenth early (celebration's note on the beat is masked by the pad's).
  it.each(MOOD_NAMES)(
    'finds the beat of the built-in %s music saved as a WAV, not the notes of its arpeggio',
    async (mood) => {
      const seconds = 20;
      const file = path.join(dir, `${mood}.wav`);
      await writeFile(file, encodeWav(synthesizeMusic(mood, seconds, 44100), 44100));
      const beats = await trackBeats(tools.ffmpeg, file);
      expect(beats.bpm).toBeCloseTo(MOODS[mood].bpm, 0);
      expectOnTheBeats(beats.times, builtInBeats(mood, 0, seconds - 2), seconds - 2);
    },
  );

  it('finds the beat a bass marks under even eighth notes (72 bpm), not the eighths', async () => {
    const file = path.join(dir, 'bass-and-arpeggio.mp3');
    await writeBassAndArpeggioTrack(tools.ffmpeg, file, 30);
    const beats = await trackBeats(tools.ffmpeg, file);
    expect(beats.bpm).toBeCloseTo(BASS_AND_ARPEGGIO_BPM, 0);
    expectOnTheBeats(beats.times, beatGrid(BASS_AND_ARPEGGIO_BPM, BASS_AND_ARPEGGIO_FIRST_BEAT, 30), 29);
  });

  it('finds the beat of a song with drums (100 bpm), not its hi-hats', async () => {
    // A kick on every beat, a snare on 2 and 4 and hi-hats on every eighth: tracking the hats would double the tempo.
    const file = path.join(dir, 'drums.mp3');
    await writeSongLikeTrack(tools.ffmpeg, file, 30);
    const beats = await trackBeats(tools.ffmpeg, file);
    expect(beats.bpm).toBeCloseTo(SONG_BPM, -1);
    expectOnTheBeats(beats.times, songBeatTimes(30), 29);
  });

  it('finds every beat of a rock beat (120 bpm, the kick on 1 and 3, the snare on 2 and 4), not every other one', async () => {
    const file = path.join(dir, 'rock.mp3');
    await writeSongLikeTrack(tools.ffmpeg, file, 30, { bpm: 120, kicks: 'one and three' });
    await expectTrackedAt(file, 120, SONG_FIRST_BEAT);
  });

  it('finds the beats of a slow rock beat (80 bpm, the kick on 1 and 3, the snare on 2 and 4), not its hi-hat eighths', async () => {
    // The hats make the onsets recur at 160 bpm as strongly as at 80, and the tempo prior leans to 160:
    // tracked at 160, every other beat would fall on an off-beat, 375 ms from any beat.
    const file = path.join(dir, 'slow-rock.mp3');
    await writeSongLikeTrack(tools.ffmpeg, file, 30, { bpm: 80, kicks: 'one and three' });
    await expectTrackedAt(file, 80, SONG_FIRST_BEAT);
  });

  it('finds every beat of a waltz (150 bpm, a bass note on 1, a chord on 2 and 3), not every other one', async () => {
    const file = path.join(dir, 'waltz.mp3');
    await writeWaltzTrack(tools.ffmpeg, file, 30, 150);
    await expectTrackedAt(file, 150, WALTZ_FIRST_BEAT);
  });

  it('finds every beat of a drummed waltz (180 bpm, the kick on 1, the snare on 2 and 3, hi-hat eighths), not one a bar', async () => {
    // Its kick and the hat between beats 2 and 3 recur at 120 bpm: halving that would leave one beat a bar.
    const file = path.join(dir, 'drummed-waltz.mp3');
    await writeDrummedWaltzTrack(tools.ffmpeg, file, 30, 180);
    await expectTrackedAt(file, 180, WALTZ_FIRST_BEAT);
  });
});
