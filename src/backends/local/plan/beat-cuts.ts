import type { Segment } from '../../../core/timeline/model.js';
import { builtInBeats } from '../music/beats.js';
import { cutsOnBeats } from '../music/on-beat.js';
import { LOOP_CROSSFADE, repeatsFor } from '../music/uploaded.js';
import type { LetterSettings, StoredMedia } from '../project.js';
import { chosenMusic } from './audio.js';

/**
 * Photo changes on the music's beats, pure. A change is where the next photo takes over: the cut,
 * or the middle of a crossfade (the crossfade keeps its length around the beat).
 */

const round = (s: number) => Math.round(s * 1000) / 1000;

/**
 * The beats of an uploaded song in seconds of the letter: the song plays from the letter's start
 * and, when shorter, again and again overlapping by its loop crossfade (music/uploaded.ts); in an
 * overlap the beats of the repeat coming in are kept after its middle.
 */
export function songBeats(beats: readonly number[], songSeconds: number, seconds: number): number[] {
  const repeats = repeatsFor(songSeconds, seconds);
  const overlap = Math.min(LOOP_CROSSFADE, songSeconds / 4);
  const step = songSeconds - overlap;
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const from = r === 0 ? 0 : overlap / 2;
    const to = r === repeats - 1 ? Infinity : step + overlap / 2;
    for (const b of beats) if (b >= from && b < to && r * step + b <= seconds) times.push(round(r * step + b));
  }
  return times;
}

/** The beats of the letter's music, in seconds of the letter; none without music or when a song's beats are unknown. */
export function letterBeats(settings: LetterSettings, media: StoredMedia[], duration: number): number[] {
  const music = chosenMusic(settings, media);
  if (!music) return [];
  if (music.kind === 'built-in') return builtInBeats(music.mood, 0, duration);
  const song = music.media;
  return song.beats?.length && song.durationSeconds ? songBeats(song.beats, song.durationSeconds, duration) : [];
}

/**
 * The shots with each photo change moved to the nearest beat within reach, except the changes
 * into and out of a shot `stays` says keeps its place (a clip plays its own length, a photo held
 * by the person keeps the seconds asked).
 */
export function shotsOnBeats(
  video: readonly Segment[],
  beats: readonly number[],
  stays: (shot: Segment) => boolean,
): Segment[] {
  if (beats.length === 0 || video.length < 2) return [...video];
  const changes = video.slice(1).map((next, i) => round((video[i]!.end + next.start) / 2));
  const fixed = changes.flatMap((_, i) => (stays(video[i]!) || stays(video[i + 1]!) ? [i] : []));
  const moved = cutsOnBeats(changes, beats, [], undefined, fixed).changes;
  return video.map((shot, i) => {
    const before = i > 0 ? moved[i - 1]! - changes[i - 1]! : 0;
    const after = i < changes.length ? moved[i]! - changes[i]! : 0;
    return { ...shot, start: round(shot.start + before), end: round(shot.end + after) };
  });
}

/** Whether the words laid over shots on the beat read as well as over the shots as paced: no line shorter, none newly over a moment's words. */
export function readsAsWell(
  paced: { lines: readonly Segment[]; own: readonly Segment[] },
  onBeat: { lines: readonly Segment[]; own: readonly Segment[] },
): boolean {
  const overlaps = (line: Segment, own: readonly Segment[]) =>
    own.some((o) => Math.min(o.end, line.end) - Math.max(o.start, line.start) > 0.001);
  const length = (s: Segment) => s.end - s.start;
  return (
    paced.lines.length === onBeat.lines.length &&
    paced.own.length === onBeat.own.length &&
    onBeat.lines.every(
      (line, i) =>
        length(line) >= length(paced.lines[i]!) - 0.001 &&
        (!overlaps(line, onBeat.own) || overlaps(paced.lines[i]!, paced.own)),
    ) &&
    onBeat.own.every((o, i) => length(o) >= length(paced.own[i]!) - 0.001)
  );
}

/** The words over a layout of shots: the message's lines and the moments' own words. */
export interface WordsOver {
  lines: readonly Segment[];
  own: readonly Segment[];
}

/**
 * The shots on the beat and the words laid over them, when they read as well as over the shots as
 * paced; else with the moments that have words of their own kept in place too; else as paced.
 */
export function onTheBeat<W>(
  video: Segment[],
  beats: readonly number[],
  settings: LetterSettings,
  wordsOver: (shots: Segment[]) => W,
  view: (words: W) => WordsOver,
): { video: Segment[]; words: W } {
  const paced = wordsOver(video);
  if (beats.length === 0) return { video, words: paced };
  const own = (shot: Segment) => settings.moments[shot.mediaId ?? '']?.seconds !== undefined || shot.kind === 'clip';
  const worded = (shot: Segment) =>
    own(shot) ||
    !!settings.moments[shot.mediaId ?? '']?.caption ||
    settings.pins.some((p) => p.mediaId === shot.mediaId);
  for (const stays of [own, worded]) {
    const moved = shotsOnBeats(video, beats, stays);
    const words = wordsOver(moved);
    if (readsAsWell(view(paced), view(words))) return { video: moved, words };
  }
  return { video, words: paced };
}
