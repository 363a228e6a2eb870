import { describe, expect, it } from 'vitest';
import { CLIP_SECONDS, measureCutsOnBeats, offBeat } from '../../src/dev/beat-check.js';
import { FFMPEG } from '../helpers/binaries.js';
import { SAMPLES, serverForFile } from '../helpers/server.js';

const { home, call } = serverForFile({}, 'vl-beats-');

describe('photo changes on the beat, measured on the rendered MP4 (ffmpeg scene changes)', () => {
  it('with the built-in music (warm, 72 bpm), every photo change is within 40 ms of a beat', async () => {
    const { cuts, misses } = await measureCutsOnBeats(call, FFMPEG, SAMPLES, home, 'built-in');
    // Eight photos: the changes between them, but the last, which the closing card comes over.
    expect(cuts).toHaveLength(6);
    expect(Math.max(...misses)).toBeLessThanOrEqual(0.04);
  });

  it('with an uploaded song (100 bpm, drums), every photo change is within 40 ms of one of its beats', async () => {
    const { cuts, misses } = await measureCutsOnBeats(call, FFMPEG, SAMPLES, home, 'song');
    expect(cuts).toHaveLength(6);
    expect(Math.max(...misses)).toBeLessThanOrEqual(0.04);
  });

  it('a clip starts on a beat of the built-in music (within 40 ms in the rendered MP4) and plays its whole length', async () => {
    const { cuts, beats, clip } = await measureCutsOnBeats(call, FFMPEG, SAMPLES, home, 'built-in', true);
    expect(offBeat([clip!.cut], beats)[0]).toBeLessThanOrEqual(0.04);
    expect(clip!.seconds).toBeCloseTo(CLIP_SECONDS, 2);
    // Its end is where its own length ends; every other change is on a beat.
    const out = clip!.cut + clip!.seconds;
    const others = cuts.filter((t) => Math.abs(t - out) > 0.1);
    expect(others).toHaveLength(cuts.length - 1);
    expect(Math.max(...offBeat(others, beats))).toBeLessThanOrEqual(0.04);
  });
});
