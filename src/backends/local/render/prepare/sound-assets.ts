import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exists, writeFileAtomic } from '../../../../files.js';
import type { Segment, Timeline } from '../../../../core/timeline/model.js';
import { trackOf } from '../../../../core/timeline/model.js';
import { fitMusicArgs } from '../../music/uploaded.js';
import { STYLE, clipFiles, type AssetPlaces } from './assets.js';
import { digest } from './digest.js';
import type { RenderAssets } from '../compile/types.js';
import { runInHelper } from './helper.js';
import { loudnessProbeArgs } from '../compile/loudness.js';
import { measureLoudness } from '../run/measure-loudness.js';
import { DEFAULT_MUSIC_VOLUME, evenVoiceArgs } from '../compile/mix.js';
import { renderOnce } from '../run/render-once.js';
import { hasSound } from '../compile/sound.js';
import { narrationTrackArgs } from '../../voice/narration-track.js';

/** What the sound of the letter is made from: music, voice, the clips (for their own sound) and the loudness pass. */
export type Sound = Pick<RenderAssets, 'music' | 'voices' | 'loudness' | 'clips'>;

async function prepareBuiltInMusic(
  cache: string,
  mood: string,
  seconds: number,
  signal?: AbortSignal,
): Promise<string> {
  const target = path.join(cache, 'music', `${STYLE}-${mood}-${Math.round(seconds * 1000)}ms.wav`);
  if (!(await exists(target))) await runInHelper('synthesizeMusic', { mood, seconds }, [target], signal);
  return target;
}

async function prepareUploadedMusic(
  ffmpeg: string,
  source: string,
  cache: string,
  mediaId: string,
  songSeconds: number,
  seconds: number,
  signal?: AbortSignal,
): Promise<string> {
  const target = path.join(cache, 'music', `${mediaId}-${STYLE}-${Math.round(seconds * 1000)}ms.wav`);
  await renderOnce(ffmpeg, target, (partial) => fitMusicArgs(source, songSeconds, seconds, partial), {
    durationSeconds: seconds,
    signal,
  });
  return target;
}

/** The voice recording evened out to the letter's loudness, once per recording (cached). */
async function prepareVoice(
  ffmpeg: string,
  source: string,
  cache: string,
  mediaId: string,
  seconds: number,
  signal?: AbortSignal,
): Promise<string> {
  const target = path.join(cache, 'voice', `${mediaId}-${STYLE}-evened.wav`);
  await renderOnce(ffmpeg, target, (partial) => evenVoiceArgs(source, partial), { durationSeconds: seconds, signal });
  return target;
}

/**
 * The message read aloud as one voice track the letter's length (cached under the spoken lines
 * and their times): each line from its narration segment's start, evened out like a recording.
 */
async function prepareNarration(
  segments: Segment[],
  timeline: Timeline,
  places: AssetPlaces,
  signal?: AbortSignal,
): Promise<string> {
  const spoken = await places.spokenLines(
    segments.map((s) => s.text ?? ''),
    signal,
  );
  const lines = spoken.map((line, i) => ({ file: line.file, start: segments[i]?.start ?? 0 }));
  const target = path.join(
    places.projectCache,
    'voice',
    `narration-${digest(STYLE, timeline.duration, ...lines.flatMap((l) => [l.file, l.start]))}.wav`,
  );
  await renderOnce(places.ffmpeg, target, (partial) => narrationTrackArgs(lines, timeline.duration, partial), {
    durationSeconds: timeline.duration,
    signal,
  });
  return target;
}

/** The voice of the letter, evened out: each recording from where it starts, or the message read aloud (segments without a recording). */
async function prepareLetterVoice(
  timeline: Timeline,
  places: AssetPlaces,
  signal?: AbortSignal,
): Promise<RenderAssets['voices']> {
  const segments = trackOf(timeline, 'voice')?.segments ?? [];
  const recordings = segments.filter((s) => s.mediaId);
  if (recordings.length) {
    return Promise.all(
      recordings.map(async (s) => {
        const id = s.mediaId as string;
        const path = await prepareVoice(
          places.ffmpeg,
          places.mediaPath(id),
          places.projectCache,
          id,
          places.mediaSeconds(id),
          signal,
        );
        return { path, start: s.start, volume: s.volume ?? 1 };
      }),
    );
  }
  return segments.length > 0
    ? [{ path: await prepareNarration(segments, timeline, places, signal), start: 0, volume: 1 }]
    : undefined;
}

/** The first loudness pass, cached under its own arguments (they name every input and level that shapes the sound) and the shape of what it keeps. */
async function prepareLoudness(
  ffmpeg: string,
  cache: string,
  timeline: Timeline,
  assets: RenderAssets,
  signal?: AbortSignal,
) {
  const file = path.join(
    cache,
    'loudness',
    `${digest(STYLE, 'integrated+peak', ...loudnessProbeArgs(timeline, assets))}.json`,
  );
  if (await exists(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as NonNullable<Sound['loudness']>;
  const measured = await measureLoudness(ffmpeg, timeline, assets, signal);
  await writeFileAtomic(file, JSON.stringify(measured));
  return measured;
}

/** The letter's music fitted to its length (cached): the uploaded song, or a built-in mood made for it. */
function prepareMusic(seg: Segment, timeline: Timeline, places: AssetPlaces, signal?: AbortSignal): Promise<string> {
  return seg.mediaId
    ? prepareUploadedMusic(
        places.ffmpeg,
        places.mediaPath(seg.mediaId),
        places.projectCache,
        seg.mediaId,
        places.mediaSeconds(seg.mediaId),
        timeline.duration,
        signal,
      )
    : prepareBuiltInMusic(places.sharedCache, seg.label.toLowerCase(), timeline.duration, signal);
}

/** The music, the voice (recorded or read aloud), and the first loudness pass over their mix. */
export async function prepareSound(timeline: Timeline, places: AssetPlaces, signal?: AbortSignal): Promise<Sound> {
  const musicSeg = trackOf(timeline, 'music')?.segments[0];
  const music = musicSeg && {
    path: await prepareMusic(musicSeg, timeline, places, signal),
    volume: musicSeg.volume ?? DEFAULT_MUSIC_VOLUME,
  };
  const voices = await prepareLetterVoice(timeline, places, signal);
  // The clips' own sound is part of the mix; their pictures are not.
  const sound: Sound = { ...(music && { music }), ...(voices && { voices }), clips: clipFiles(timeline, places) };
  const assets: RenderAssets = { photos: {}, overlays: [], ...sound };
  return hasSound(timeline, assets)
    ? { ...sound, loudness: await prepareLoudness(places.ffmpeg, places.projectCache, timeline, assets, signal) }
    : sound;
}
