import type { Timeline } from '../../../../timeline/model.js';
import { trackOf } from '../../../../timeline/model.js';
import { clipInput, shotSeconds } from './clips.js';
import type { RenderAssets } from './types.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';
import { STEREO_48K, addMix, loudnessChain, mixAtUnity, targetLoudness, voiceChain } from './mix.js';

/** The letter's length in seconds, as the video has it: a whole number of frames. */
const lengthOf = (timeline: Timeline) => frames(timeline.duration) / FPS;

/** Clip shots that carry sound: a clip without a sound track has no level on the timeline. */
const voicedClips = (timeline: Timeline) =>
  (trackOf(timeline, 'video')?.segments ?? []).filter((s) => s.kind === 'clip' && s.volume !== undefined && s.mediaId);

/**
 * The clips' own sound as one stream, labelled `[clipsound]`, kept apart from the music so the
 * music ducks under it: each clip's first `shotSeconds` at the shot's volume, starting where its
 * picture starts and padded to the letter's length. Returns the label, or undefined when no clip
 * has sound.
 */
export function addClipSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): string | undefined {
  const duration = lengthOf(timeline);
  const labels = voicedClips(timeline).map((shot, k) => {
    const file = assets.clips[shot.mediaId as string];
    if (!file) throw new Error(`compile: no clip file for segment "${shot.label}"`);
    const input = clipInput(g, file, shot);
    // The delay is the shot's first frame, so the sound starts with its picture.
    const delayMs = Math.round((frames(shot.start) / FPS) * 1000);
    g.chain(
      `[${input}:a]atrim=duration=${num(shotSeconds(shot))},asetpts=PTS-STARTPTS,${STEREO_48K},volume=${num(shot.volume ?? 1)},` +
        `adelay=${delayMs}|${delayMs},apad,atrim=0:${num(duration)}[clipsound${k}]`,
    );
    return `clipsound${k}`;
  });
  if (labels.length === 0) return undefined;
  mixAtUnity(g, labels, 'clipsound');
  return 'clipsound';
}

/**
 * The sound side of the letter before the final loudness stage, ending in `[premix]`: the voice
 * recording from where it starts and the clips' own sound in the foreground, the music fitted to
 * the letter ducking under both.
 */
export function addSoundMix(g: FilterGraph, timeline: Timeline, assets: RenderAssets): string {
  const duration = lengthOf(timeline);
  const foreground: string[] = [];
  if (assets.voice) {
    const input = g.input(assets.voice.path);
    g.chain(`${voiceChain(`[${input}:a]`, assets.voice.start, assets.voice.volume, duration)}[voice]`);
    foreground.push('voice');
  }
  const clips = addClipSound(g, timeline, assets);
  if (clips) foreground.push(clips);
  let music: { label: string; volume: number } | undefined;
  if (assets.music) {
    const input = g.input(assets.music.path);
    g.chain(`[${input}:a]${STEREO_48K},apad,atrim=0:${num(duration)}[music]`);
    music = { label: 'music', volume: assets.music.volume };
  }
  return addMix(g, { foreground, duration, ...(music && { music }) });
}

/** A letter with neither music, voice nor clip sound is silent, and silence has no loudness to normalize. */
export const hasSound = (timeline: Timeline, assets: RenderAssets) =>
  !!(assets.music ?? assets.voice) || voicedClips(timeline).length > 0;

/** The final loudness target of this letter (see targetLoudness). */
export function letterLoudness(timeline: Timeline, assets: RenderAssets): number {
  return targetLoudness(!!assets.voice || voicedClips(timeline).length > 0, assets.music?.volume ?? 0);
}

/** The sound side of the letter, ending in the `[audio]` label. */
export function addSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): void {
  const premix = addSoundMix(g, timeline, assets);
  const level = hasSound(timeline, assets)
    ? `${loudnessChain(letterLoudness(timeline, assets), assets.loudness)},`
    : '';
  g.chain(`[${premix}]${level}atrim=0:${num(lengthOf(timeline))}[audio]`);
}
