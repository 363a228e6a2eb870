import { describe, expect, it } from 'vitest';
import { measureCutsOnBeats } from '../../src/dev/beat-check.js';
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
});
