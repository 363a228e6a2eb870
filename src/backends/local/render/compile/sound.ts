import type { Timeline } from '../../../../core/timeline/model.js';
import { trackOf } from '../../../../core/timeline/model.js';
import { clipInput, shotSeconds } from './clips.js';
import type { RenderAssets } from './types.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';
import { STEREO_48K, addMix, levellingGain, loudnessChain, mixAtUnity, targetLoudness, voiceChain } from './mix.js';

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

/** The foreground streams: the voice recordings (mixed as one) and the clips' own sound. */
function addForeground(g: FilterGraph, timeline: Timeline, assets: RenderAssets): string[] {
  const duration = lengthOf(timeline);
  const foreground: string[] = [];
  const recordings = assets.voices ?? [];
  const voices = recordings.map((voice, k) => {
    const input = g.input(voice.path);
    const label = recordings.length === 1 ? 'voice' : `voice${k}`;
    g.chain(`${voiceChain(`[${input}:a]`, voice.start, voice.volume, duration)}[${label}]`);
    return label;
  });
  if (voices.length > 1) mixAtUnity(g, voices, 'voice');
  if (voices.length) foreground.push('voice');
  const clips = addClipSound(g, timeline, assets);
  if (clips) foreground.push(clips);
  return foreground;
}

/**
 * The sound side of the letter before the final loudness stage, ending in `[premix]`: the voice
 * recordings from where they start and the clips' own sound in the foreground, each turned by
 * `foregroundGainDb`, the music fitted to the letter ducking under them.
 */
export function addSoundMix(g: FilterGraph, timeline: Timeline, assets: RenderAssets, foregroundGainDb = 0): string {
  const duration = lengthOf(timeline);
  const foreground = addForeground(g, timeline, assets).map((label) => {
    if (foregroundGainDb === 0) return label;
    g.chain(`[${label}]volume=${num(foregroundGainDb)}dB[${label}atlevel]`);
    return `${label}atlevel`;
  });
  let music: { label: string; volume: number } | undefined;
  if (assets.music) {
    const input = g.input(assets.music.path);
    g.chain(`[${input}:a]${STEREO_48K},apad,atrim=0:${num(duration)}[music]`);
    music = { label: 'music', volume: assets.music.volume };
  }
  return addMix(g, { foreground, duration, ...(music && { music }) });
}

/**
 * What the final gain is measured on, ending in a label: the foreground alone when there is one,
 * so the voice lands on the target and the music keeps its level relative to it. Measured on
 * the whole mix, the gain undid a music change wherever the music dominates: music 10 points
 * softer (35% -> 25%, -2.9 dB) came out only 0.5 LU softer on a music-only stretch, because the
 * quieter mix was turned back up to -16 LUFS. Without foreground, the whole mix (music only).
 */
export function addLevelled(g: FilterGraph, timeline: Timeline, assets: RenderAssets): string {
  const foreground = addForeground(g, timeline, assets);
  if (foreground.length === 0) return addSoundMix(g, timeline, assets);
  mixAtUnity(g, foreground, 'levelled');
  return 'levelled';
}

/** Sound in the foreground: a voice (recorded or read aloud) or a clip's own sound. */
const hasForeground = (timeline: Timeline, assets: RenderAssets) =>
  !!assets.voices?.length || voicedClips(timeline).length > 0;

/** A letter with neither music, voice nor clip sound is silent, and silence has no loudness to normalize. */
export const hasSound = (timeline: Timeline, assets: RenderAssets) => !!assets.music || hasForeground(timeline, assets);

/** The final loudness target of this letter (see targetLoudness). */
export function letterLoudness(timeline: Timeline, assets: RenderAssets): number {
  return targetLoudness(hasForeground(timeline, assets), assets.music?.volume ?? 0);
}

/**
 * The sound side of the letter, ending in the `[audio]` label. The gain the first pass measured is
 * applied where it was measured: on the foreground before the music is mixed in (applied to the
 * whole mix, it lifted the music too, and a read-aloud letter whose voice measured 3 LU under the
 * target landed near -13 LUFS), or on the whole mix of a letter with music only.
 */
export function addSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): void {
  const sounding = hasSound(timeline, assets);
  const gain = sounding ? levellingGain(letterLoudness(timeline, assets), assets.loudness) : 0;
  const onForeground = hasForeground(timeline, assets);
  const premix = addSoundMix(g, timeline, assets, onForeground ? gain : 0);
  const level = sounding ? `${loudnessChain(onForeground ? 0 : gain)},` : '';
  // Fades the person asked for take the sound with the picture; the usual short ones leave it be.
  const length = lengthOf(timeline);
  const fades = timeline.fades
    ? [
        timeline.fades.start > 0 && `afade=t=in:st=0:d=${num(timeline.fades.start)},`,
        timeline.fades.end > 0 && `afade=t=out:st=${num(length - timeline.fades.end)}:d=${num(timeline.fades.end)},`,
      ]
        .filter(Boolean)
        .join('')
    : '';
  g.chain(`[${premix}]${level}${fades}atrim=0:${num(length)}[audio]`);
}
