/**
 * `npm run bench -- --only=beat-cuts`: how close photo changes land to the music's beats, read
 * from rendered letters (eight photos, cuts between them, 540p previews) by ffmpeg's scene
 * detection, with the built-in warm music, with an uploaded song-like track (100 bpm), and with
 * the warm music and a clip after the fourth photo (the change out of the clip, which ends where its
 * own length ends, is left out of that row and shown on its own).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLIP_SECONDS, measureCutsOnBeats, offBeat } from '../src/dev/beat-check.js';
import { startBenchServer } from './server.js';
import { formatTable, fixed } from './table.js';

export async function benchBeatCuts(root: string, ffmpeg: string): Promise<string> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'vl-bench-beat-cuts-'));
  const server = await startBenchServer(path.join(root, 'dist', 'cli.js'), {
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'exports'),
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '3600',
  });
  try {
    const samples = path.join(root, 'assets', 'samples');
    const rows = [];
    const cases = [
      ['built-in', false, 'built-in warm music, 72 bpm'],
      ['song', false, 'uploaded song-like track, 100 bpm (MP3)'],
      ['slow rock', false, 'uploaded rock beat, kick on 1 and 3, hi-hats on the eighths, 80 bpm (MP3)'],
      ['built-in', true, `built-in warm music, a ${CLIP_SECONDS} s clip after the fourth photo`],
    ] as const;
    let clipEnd = '';
    for (const [music, withClip, label] of cases) {
      const { cuts, beats, clip } = await measureCutsOnBeats(server.call, ffmpeg, samples, home, music, withClip);
      const out = clip ? clip.cut + clip.seconds : -1;
      const misses = offBeat(
        cuts.filter((t) => Math.abs(t - out) > 0.1),
        beats,
      );
      if (clip) clipEnd = fixed(Math.min(...offBeat([out], beats)) * 1000, 1);
      const mean = misses.reduce((a, b) => a + b, 0) / Math.max(1, misses.length);
      rows.push([label, misses.length, fixed(mean * 1000, 1), fixed(Math.max(0, ...misses) * 1000, 1)]);
    }
    return (
      'Cuts on the beat: photo changes of a rendered letter (ffmpeg scene detection) against the music’s beats\n\n' +
      formatTable(['music', 'changes', 'mean offset (ms)', 'max offset (ms)'], rows) +
      `\n\nThe change out of the clip (where its own length ends): ${clipEnd} ms from the nearest beat.`
    );
  } finally {
    await server.close();
    await rm(home, { recursive: true, force: true });
  }
}
