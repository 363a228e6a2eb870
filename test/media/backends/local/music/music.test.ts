import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOOD_NAMES, MUSIC_LUFS, encodeWav, synthesizeMusic } from '../../../../../src/backends/local/music/synth.js';
import { fitMusicArgs, repeatsFor } from '../../../../../src/backends/local/music/uploaded.js';
import { prepareSound } from '../../../../../src/backends/local/render/prepare/sound-assets.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';
import { FFPROBE, runProgram } from '../../../../helpers/binaries.js';
import { FFMPEG, bandLevel, makeAudio, measureLoudness } from '../../../../helpers/audio.js';
import { placesIn } from '../../../../helpers/places.js';
import { tempDir } from '../../../../helpers/server.js';

const dir = tempDir('vl-music-');

describe('built-in music', () => {
  it.each(MOOD_NAMES)('%s never clips and ends in silence', (mood) => {
    const samples = synthesizeMusic(mood, 12);
    const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeLessThan(0.95);
    expect(peak).toBeGreaterThan(0.1);
    expect(Math.abs(samples.at(-1) ?? 1)).toBeLessThan(0.001);
  });

  it.each(MOOD_NAMES)('%s plays at the calibrated loudness (±1 LU) with steady level', async (mood) => {
    const file = path.join(dir, `${mood}.wav`);
    await fs.writeFile(file, encodeWav(synthesizeMusic(mood, 20)));
    const { integrated, truePeak } = await measureLoudness(file);
    expect(Math.abs(integrated - MUSIC_LUFS)).toBeLessThanOrEqual(1);
    expect(truePeak).toBeLessThan(-3);
    // Steady: the middle seconds sit within 3 dB of each other.
    const levels = await Promise.all([4, 8, 12].map((t) => bandLevel(file, t, t + 2)));
    expect(Math.max(...levels) - Math.min(...levels)).toBeLessThan(3);
  });

  it('lasts exactly the letter and is cached, so a re-export does not make it again', async () => {
    const timeline: Timeline = {
      aspect: '16:9',
      duration: 7.5,
      tracks: [
        {
          type: 'audio',
          role: 'music',
          name: 'BGM',
          segments: [{ start: 0, end: 7.5, label: 'Gentle', volume: 0.35 }],
        },
      ],
    };
    const places = placesIn(dir, { mediaPath: (id: string) => id, mediaSeconds: () => 0 });
    const first = await prepareSound(timeline, places);
    const made = (await fs.stat(first.music!.path)).mtimeMs;
    const again = await prepareSound(timeline, places);
    expect(again.music!.path).toBe(first.music!.path);
    expect((await fs.stat(again.music!.path)).mtimeMs).toBe(made);
    const samples = ((await fs.stat(first.music!.path)).size - 44) / 4;
    expect(samples / 48000).toBeCloseTo(7.5, 3);
  });
});

describe('uploaded music', () => {
  it('is repeated with crossfades when shorter than the letter, and trimmed when longer', () => {
    expect(repeatsFor(4, 10)).toBe(3);
    expect(repeatsFor(60, 10)).toBe(1);
    const looped = fitMusicArgs('/m/song.mp3', 4, 10, '/c/out.wav');
    expect(looped.filter((a) => a === '/m/song.mp3')).toHaveLength(3);
    expect(looped.join(' ')).toContain('[s0][s1]acrossfade=d=1:c1=tri:c2=tri[j1]');
    const trimmed = fitMusicArgs('/m/song.mp3', 60, 10, '/c/out.wav');
    expect(trimmed.slice(trimmed.indexOf('-t'), trimmed.indexOf('-t') + 4)).toEqual([
      '-t',
      '10.5',
      '-i',
      '/m/song.mp3',
    ]);
  });

  it("comes out exactly the letter's length, at the built-in music's loudness, fading in and out", async () => {
    const song = path.join(dir, 'short-song.wav');
    await makeAudio(song, "aevalsrc=exprs='0.2*sin(2*PI*330*t)+0.2*sin(2*PI*415*t)':s=48000", 4);
    const out = path.join(dir, 'fitted.wav');
    await runProgram(FFMPEG, fitMusicArgs(song, 4, 10, out));
    const seconds = Number(
      (await runProgram(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', out])).stdout,
    );
    expect(seconds).toBeCloseTo(10, 1);
    expect(Math.abs((await measureLoudness(out)).integrated - MUSIC_LUFS)).toBeLessThanOrEqual(1.5);
    const middle = await bandLevel(out, 4, 6);
    expect(await bandLevel(out, 0, 0.2)).toBeLessThan(middle - 10);
    expect(await bandLevel(out, 9.8, 10)).toBeLessThan(middle - 10);
  });
});
