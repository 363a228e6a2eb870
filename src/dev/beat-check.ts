import path from 'node:path';
import sharp from 'sharp';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { builtInBeats } from '../backends/local/music/beats.js';
import { runProgram } from '../backends/local/render/run/ffmpeg-runner.js';
import { toolText } from './client/calls.js';

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

/** A tool call through an MCP client, as the tests and the benchmark make it. */
export type CallTool = (name: string, args: Record<string, unknown>) => Promise<CallToolResult>;

const SONG_SECONDS = 90;
const structuredOf = <T>(r: CallToolResult, name: string): T => {
  if (r.isError) throw new Error(`${name} failed: ${toolText(r)}`);
  return r.structuredContent as T;
};

export interface CutsMeasured {
  /** Photo changes seen in the rendered MP4 (the title and closing cards' changes left out). */
  cuts: number[];
  /** The music's beats in the letter: the built-in music's grid, or the song's known beats. */
  beats: number[];
  /** Each cut's distance to the nearest beat, seconds. */
  misses: number[];
}

/**
 * A letter of eight photos (the samples and their mirror images) with cuts between them, with the
 * built-in warm music or an uploaded song-like track, rendered as a preview: its photo changes as
 * ffmpeg sees them, against the music's beats.
 */
export async function measureCutsOnBeats(
  call: CallTool,
  ffmpeg: string,
  samples: string,
  dir: string,
  music: 'built-in' | 'song',
): Promise<CutsMeasured> {
  const files = ['friends.jpg', 'life.jpg', 'mountains.jpg', 'sunset.jpg'];
  let projectId: string | undefined;
  for (const [i, file] of [...files, ...files].entries()) {
    const photo = path.join(dir, `${music}-photo-${i + 1}.jpg`);
    const picture = sharp(path.join(samples, file));
    await (i < files.length ? picture : picture.flop()).toFile(photo);
    const r = await call('upload_media', { path: photo, ...(projectId && { project_id: projectId }) });
    projectId ??= structuredOf<{ project_id: string }>(r, 'upload_media').project_id;
  }
  if (music === 'song') {
    const song = path.join(dir, 'our-song.mp3');
    await writeSongLikeTrack(ffmpeg, song, SONG_SECONDS);
    structuredOf(await call('upload_media', { project_id: projectId, path: song, role: 'music' }), 'upload_media');
  }
  structuredOf(
    await call('generate_letter', {
      project_id: projectId,
      title: 'For Dad',
      message: 'Happy birthday, Dad. We love you.',
      closing: 'Anna and Tom',
      edits: [{ op: 'transition', style: 'cut' }],
    }),
    'generate_letter',
  );
  const done = structuredOf<{ path: string; duration_seconds: number }>(
    await call('export_video', { project_id: projectId, quality: 'preview' }),
    'export_video',
  );
  const duration = done.duration_seconds;
  // The title card fades over the first photo and the closing card over the last: only the changes between photos.
  const cuts = (await sceneChanges(ffmpeg, done.path)).filter((t) => t > 4 && t < duration - 5);
  const beats = music === 'song' ? songBeatTimes(SONG_SECONDS) : builtInBeats('warm', 0, duration);
  return { cuts, beats, misses: offBeat(cuts, beats) };
}
