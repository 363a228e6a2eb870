/**
 * `npm run bench -- --only=beats`: beat tracking of uploaded music, on a 100 bpm click track and on
 * a minute of the built-in warm music (72 bpm) saved as a WAV: how long tracking takes and the
 * worst distance from a true beat to the nearest tracked one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { trackBeats } from '../src/backends/local/music/beat-tracking.js';
import { builtInBeats } from '../src/backends/local/music/beats.js';
import { encodeWav, synthesizeMusic } from '../src/backends/local/music/synth.js';
import { runProgram } from '../src/backends/local/render/run/ffmpeg-runner.js';
import { formatTable, fixed } from './table.js';

const SECONDS = 60;

async function measure(ffmpeg: string, file: string, truth: number[]) {
  const started = performance.now();
  const beats = await trackBeats(ffmpeg, file);
  const ms = performance.now() - started;
  const misses = truth.filter((t) => t > 1).map((t) => Math.min(...beats.times.map((b) => Math.abs(b - t))));
  return [fixed(ms, 0), fixed(beats.bpm, 1), fixed(Math.max(...misses) * 1000, 1)];
}

export async function benchBeats(ffmpeg: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vl-bench-beats-'));
  try {
    const clicks = path.join(dir, 'clicks.mp3');
    const click = `0.8*sin(2*PI*1000*t)*lt(mod(t-0.25\\,0.6)\\,0.005)*gte(t\\,0.25)+0.01*(random(0)-0.5)`;
    await runProgram(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `aevalsrc=exprs='${click}':s=44100:d=${SECONDS}`,
      clicks,
    ]);
    const song = path.join(dir, 'warm.wav');
    await writeFile(song, encodeWav(synthesizeMusic('warm', SECONDS, 44100), 44100));
    // A click every 0.6 s from 0.25 s.
    const clickTimes = Array.from({ length: Math.floor((SECONDS - 1.25) / 0.6) }, (_, i) => 0.25 + i * 0.6);
    const rows = [
      ['click track, 100 bpm (MP3)', ...(await measure(ffmpeg, clicks, clickTimes))],
      ['built-in warm music, 72 bpm (WAV)', ...(await measure(ffmpeg, song, builtInBeats('warm', 0, SECONDS - 2)))],
    ];
    return (
      `Beat tracking of ${SECONDS} s of uploaded music (decode included); worst miss = largest distance from a true beat to the nearest tracked one\n\n` +
      formatTable(['music', 'ms', 'bpm found', 'worst miss (ms)'], rows)
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
