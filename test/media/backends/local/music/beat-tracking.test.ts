import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInBeats } from '../../../../../src/backends/local/music/beats.js';
import { trackBeats } from '../../../../../src/backends/local/music/beat-tracking.js';
import { encodeWav, synthesizeMusic } from '../../../../../src/backends/local/music/synth.js';
import { SONG_BPM, songBeatTimes, writeSongLikeTrack } from '../../../../../src/dev/beat-check.js';
import { tools } from '../../../../helpers/binaries.js';
import { ffmpeg } from '../../../../helpers/make-media.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vl-beats-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The largest distance from a true beat to the nearest tracked one, over the beats after the first second. */
function worstMiss(truth: number[], tracked: number[]): number {
  return Math.max(...truth.filter((t) => t > 1).map((t) => Math.min(...tracked.map((b) => Math.abs(b - t)))));
}

describe('tracking the beats of uploaded music', () => {
  it('finds every click of a 100 bpm click track within 40 ms', async () => {
    // A 5 ms 1 kHz click every 0.6 s from 0.25 s, over soft noise, as an MP3.
    const file = path.join(dir, 'clicks.mp3');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      "aevalsrc=exprs='0.8*sin(2*PI*1000*t)*lt(mod(t-0.25\\,0.6)\\,0.005)*gte(t\\,0.25)+0.01*(random(0)-0.5)':s=44100:d=20",
      file,
    ]);
    const beats = await trackBeats(tools.ffmpeg, file);
    expect(beats.bpm).toBeCloseTo(100, 0);
    const truth = Array.from({ length: 33 }, (_, i) => 0.25 + i * 0.6);
    expect(worstMiss(truth, beats.times)).toBeLessThan(0.04);
  });

  it('finds the beats of a song (the built-in warm music, 72 bpm, saved as a WAV) within 40 ms', async () => {
    const seconds = 20;
    const samples = synthesizeMusic('warm', seconds, 44100);
    const file = path.join(dir, 'song.wav');
    await writeFile(file, encodeWav(samples, 44100));
    const beats = await trackBeats(tools.ffmpeg, file);
    expect(worstMiss(builtInBeats('warm', 0, seconds - 2), beats.times)).toBeLessThan(0.04);
  });

  it('finds the beat of a song with drums (100 bpm), not its hi-hats: every beat found is on a true beat', async () => {
    // A kick on every beat, a snare on 2 and 4 and hi-hats on every eighth: tracking the hats would double the tempo.
    const file = path.join(dir, 'drums.mp3');
    await writeSongLikeTrack(tools.ffmpeg, file, 30);
    const beats = await trackBeats(tools.ffmpeg, file);
    expect(beats.bpm).toBeCloseTo(SONG_BPM, -1);
    const truth = songBeatTimes(30);
    expect(worstMiss(truth, beats.times)).toBeLessThan(0.04);
    expect(
      worstMiss(
        beats.times.filter((t) => t < 29),
        truth,
      ),
    ).toBeLessThan(0.04);
  });
});
