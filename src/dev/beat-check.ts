import { runProgram } from '../backends/local/render/run/ffmpeg-runner.js';

/**
 * Checking cuts on the beat from the outside, for the tests and the benchmark: a song-like track
 * whose beats are known, the scene changes of a rendered letter as ffmpeg sees them, and how far
 * each is from the nearest beat.
 */

/** The song-like track's tempo and first beat: a kick on every beat, a snare on 2 and 4, hi-hats on the eighths, a held chord. */
export const SONG_BPM = 100;
export const SONG_FIRST_BEAT = 0.3;

/** Its beats, seconds from its start, up to `seconds`. */
export const songBeatTimes = (seconds: number) =>
  Array.from(
    { length: Math.floor(((seconds - SONG_FIRST_BEAT) * SONG_BPM) / 60) + 1 },
    (_, i) => Math.round((SONG_FIRST_BEAT + (i * 60) / SONG_BPM) * 1000) / 1000,
  );

/** Writes the song-like track as an MP3 (as a person's song would come). */
export async function writeSongLikeTrack(ffmpeg: string, file: string, seconds: number): Promise<void> {
  const beat = 60 / SONG_BPM;
  const from = SONG_FIRST_BEAT;
  const expr = [
    `0.9*sin(2*PI*55*mod(t-${from}\\,${beat}))*exp(-mod(t-${from}\\,${beat})*14)*gte(t\\,${from})`,
    `0.35*(random(0)-0.5)*exp(-mod(t-${from + beat}\\,${2 * beat})*25)*gte(t\\,${from + beat})`,
    `0.25*(random(1)-0.5)*exp(-mod(t-${from}\\,${beat / 2})*70)*gte(t\\,${from})`,
    `0.12*sin(2*PI*110*t)+0.06*sin(2*PI*164.8*t)+0.05*sin(2*PI*220*t)`,
  ].join('+');
  await runProgram(ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc=exprs='${expr}':s=44100:d=${seconds}`,
    '-c:a',
    'libmp3lame',
    '-b:a',
    '160k',
    file,
  ]);
}

/** The times (seconds) at which the picture of a rendered video changes abruptly: ffmpeg's scene score over 0.3. */
export async function sceneChanges(ffmpeg: string, file: string): Promise<number[]> {
  const { stderr } = await runProgram(ffmpeg, [
    '-hide_banner',
    '-nostats',
    '-i',
    file,
    '-an',
    '-vf',
    "select='gt(scene,0.3)',showinfo",
    '-f',
    'null',
    '-',
  ]);
  return [...stderr.matchAll(/pts_time:([\d.]+)/g)].map((m) => Number(m[1]));
}

/** How far each time is from the nearest beat, in seconds. */
export const offBeat = (times: readonly number[], beats: readonly number[]) =>
  times.map((t) => Math.min(...beats.map((b) => Math.abs(b - t))));
