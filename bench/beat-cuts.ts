/**
 * `npm run bench -- --only=beat-cuts`: how close photo changes land to the music's beats, read
 * from rendered letters (eight photos, cuts between them, 540p previews) by ffmpeg's scene
 * detection, with the built-in warm music and with an uploaded song-like track (100 bpm).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureCutsOnBeats } from '../src/dev/beat-check.js';
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
    for (const music of ['built-in', 'song'] as const) {
      const { cuts, misses } = await measureCutsOnBeats(server.call, ffmpeg, samples, home, music);
      const mean = misses.reduce((a, b) => a + b, 0) / Math.max(1, misses.length);
      rows.push([
        music === 'built-in' ? 'built-in warm music, 72 bpm' : 'uploaded song-like track, 100 bpm (MP3)',
        cuts.length,
        fixed(mean * 1000, 1),
        fixed(Math.max(0, ...misses) * 1000, 1),
      ]);
    }
    return (
      'Cuts on the beat: photo changes of a rendered letter (ffmpeg scene detection) against the music’s beats\n\n' +
      formatTable(['music', 'changes', 'mean offset (ms)', 'max offset (ms)'], rows)
    );
  } finally {
    await server.close();
    await rm(home, { recursive: true, force: true });
  }
}
