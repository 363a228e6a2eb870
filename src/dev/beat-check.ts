import path from 'node:path';
import sharp from 'sharp';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { builtInBeats } from '../backends/local/music/beats.js';
import { trackOf, type Timeline } from '../core/timeline/model.js';
import { runProgram } from '../backends/local/render/run/ffmpeg-runner.js';
import { toolText } from './client/calls.js';
import { beatGrid, SONG_FIRST_BEAT, songBeatTimes, writeSongLikeTrack, writeTestClip } from './test-media.js';

/**
 * Checking cuts on the beat from the outside, for the tests and the benchmark: the scene changes of a rendered letter as ffmpeg sees them, and how far
 * each is from the nearest beat.
 */

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
/** A rock beat whose hi-hat eighths a tracker may take for its beats. */
const SLOW_ROCK = { bpm: 80, kicks: 'one and three' } as const;
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
  /** With a clip: the change into it seen in the MP4 (the one nearest where the plan starts it), and how long the plan plays it. */
  clip?: { cut: number; seconds: number };
}

/** Seconds of the clip put in the letter, not a whole number of beats at any of the built-in tempos. */
export const CLIP_SECONDS = 4.3;

/**
 * A letter of eight photos (the samples and their mirror images) with cuts between them, with the
 * built-in warm music, an uploaded song-like track (100 bpm) or an uploaded slow rock beat (80 bpm,
 * the kick on 1 and 3, hi-hats on the eighths), rendered as a preview: its photo changes as ffmpeg
 * sees them, against the music's beats. `withClip` puts a clip with its own sound (a test
 * pattern and a tone, CLIP_SECONDS long) after the fourth photo.
 */
export async function measureCutsOnBeats(
  call: CallTool,
  ffmpeg: string,
  samples: string,
  dir: string,
  music: 'built-in' | 'song' | 'slow rock',
  withClip = false,
): Promise<CutsMeasured> {
  const files = ['friends.jpg', 'life.jpg', 'mountains.jpg', 'sunset.jpg'];
  let projectId: string | undefined;
  for (const [i, file] of [...files, ...files].entries()) {
    const photo = path.join(dir, `${music}-photo-${i + 1}.jpg`);
    const picture = sharp(path.join(samples, file));
    await (i < files.length ? picture : picture.flop()).toFile(photo);
    const r = await call('upload_media', { path: photo, ...(projectId && { project_id: projectId }) });
    projectId ??= structuredOf<{ project_id: string }>(r, 'upload_media').project_id;
    if (withClip && i === 3) {
      const clip = path.join(dir, `${music}-clip.mp4`);
      await writeTestClip(ffmpeg, clip, { seconds: CLIP_SECONDS, toneHz: 330 });
      structuredOf(await call('upload_media', { project_id: projectId, path: clip }), 'upload_media');
    }
  }
  if (music !== 'built-in') {
    const song = path.join(dir, 'our-song.mp3');
    await writeSongLikeTrack(ffmpeg, song, SONG_SECONDS, music === 'song' ? {} : SLOW_ROCK);
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
  const beats =
    music === 'built-in'
      ? builtInBeats('warm', 0, duration)
      : music === 'song'
        ? songBeatTimes(SONG_SECONDS)
        : beatGrid(SLOW_ROCK.bpm, SONG_FIRST_BEAT, SONG_SECONDS);
  if (!withClip) return { cuts, beats, misses: offBeat(cuts, beats) };
  const { timeline } = structuredOf<{ timeline: Timeline }>(
    await call('get_state', { project_id: projectId }),
    'get_state',
  );
  const planned = trackOf(timeline, 'video')!.segments.find((s) => s.kind === 'clip')!;
  const cut = cuts.reduce((a, b) => (Math.abs(b - planned.start) < Math.abs(a - planned.start) ? b : a));
  return { cuts, beats, misses: offBeat(cuts, beats), clip: { cut, seconds: planned.end - planned.start } };
}
