import type { Timeline } from '../../../timeline/model.js';
import type { RenderAssets } from './compile.js';
import { FPS, frames, num, type FilterGraph } from './graph.js';
import { STEREO_48K, addMix, loudnessChain, targetLoudness, voiceChain } from './mix.js';

/** The letter's length in seconds, as the video has it: a whole number of frames. */
const lengthOf = (timeline: Timeline) => frames(timeline.duration) / FPS;

/**
 * The sound side of the letter before the final loudness stage, ending in `[premix]`: music fitted
 * to the letter, the voice recording from where it starts, the music ducking under the voice.
 */
export function addSoundMix(g: FilterGraph, timeline: Timeline, assets: RenderAssets): string {
  const duration = lengthOf(timeline);
  const foreground: string[] = [];
  if (assets.voice) {
    const input = g.input(assets.voice.path);
    g.chain(`${voiceChain(`[${input}:a]`, assets.voice.start, assets.voice.volume, duration)}[voice]`);
    foreground.push('voice');
  }
  let music: { label: string; volume: number } | undefined;
  if (assets.music) {
    const input = g.input(assets.music.path);
    g.chain(`[${input}:a]${STEREO_48K},apad,atrim=0:${num(duration)}[music]`);
    music = { label: 'music', volume: assets.music.volume };
  }
  return addMix(g, { foreground, duration, ...(music && { music }) });
}

/** The final loudness target of this letter (see targetLoudness). */
export function letterLoudness(assets: RenderAssets): number {
  return targetLoudness(!!assets.voice, assets.music?.volume ?? 0);
}

/** A letter with neither music nor voice is silent, and silence has no loudness to normalize. */
export const hasSound = (assets: RenderAssets) => !!(assets.music ?? assets.voice);

/** The sound side of the letter, ending in the `[audio]` label. */
export function addSound(g: FilterGraph, timeline: Timeline, assets: RenderAssets): void {
  const premix = addSoundMix(g, timeline, assets);
  const level = hasSound(assets) ? `${loudnessChain(letterLoudness(assets), assets.loudness)},` : '';
  g.chain(`[${premix}]${level}atrim=0:${num(lengthOf(timeline))}[audio]`);
}
