import { MUSIC_LUFS } from '../../music/synth.js';
import { num, type FilterGraph } from './graph.js';
import { QUIET_WITH_PROGRESS } from './quiet.js';

/**
 * The letter's sound levels. Foreground sound (the voice recording; clip sound joins the same way)
 * is evened out to the target loudness. Between its words the music plays as loud as it would in
 * a letter with music only (-16 LUFS at the default 35%, see targetLoudness), and it dips under
 * anything heard in the foreground. So a short voice in a long letter does not leave the music
 * stretches far below the target, where a gain lifting the whole letter to -16 LUFS would push
 * the voice's peaks into the limiter. The gain measured on the foreground (see addLevelled in
 * sound.ts) is applied to the foreground alone, before the music is mixed in, so the voice lands
 * on the target and the music keeps its own level relative to it.
 */
export const TARGET_LUFS = -16;
/** Aimed below the -1.5 dBTP ceiling, because AAC encoding adds a few tenths of a dB of peak. */
export const TARGET_TRUE_PEAK = -2;
export const DEFAULT_MUSIC_VOLUME = 0.35;
/**
 * The final limiter's ceiling on sample peaks: true peaks between samples and the AAC encoder
 * add up to about a dB over it (measured on speech and music up to 10 dB of limiting), which
 * keeps the MP4 under -1.5 dBTP.
 */
export const LIMIT_DBFS = -3;

/**
 * Ducking: the voice, evened out to -16 LUFS, speaks at about -18 dBFS RMS, over 18 dB above this
 * threshold; at this ratio the music drops by about 15 dB under speech (the tests require at
 * least 10) and comes back over half a second once the voice pauses.
 */
export const DUCKING = 'sidechaincompress=threshold=0.015:ratio=8:attack=20:release=500:detection=rms:link=maximum';

/** A stream as every stage wants it: 48 kHz float stereo. */
export const STEREO_48K = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';

export interface MixInputs {
  /** A label of music already fitted to the letter's length, at MUSIC_LUFS, and its volume (0..1). */
  music?: { label: string; volume: number };
  /** Labels of foreground streams (voice, clip sound), each already the letter's length. */
  foreground: string[];
  duration: number;
}

/**
 * The final loudness for a letter. With a voice or clip sound the mix is normalized to -16 LUFS.
 * A letter with only music follows the music volume instead, so "music quieter" is still heard:
 * the default 35% plays at -16 LUFS and each step changes it, up to -14 LUFS.
 */
export function targetLoudness(hasForeground: boolean, musicVolume: number): number {
  if (hasForeground) return TARGET_LUFS;
  const relative = 20 * Math.log10(Math.max(0.01, musicVolume) / DEFAULT_MUSIC_VOLUME);
  return Math.round(Math.min(-14, TARGET_LUFS + relative) * 10) / 10;
}

/** Gain that takes music at MUSIC_LUFS to where it plays at its volume (see targetLoudness). */
export function musicGain(volume: number): number {
  return 10 ** ((targetLoudness(false, volume) - MUSIC_LUFS) / 20);
}

/** The filters that even a voice recording out to the target loudness (loudnorm works at 192 kHz, so it is done once per recording). */
export const EVEN_VOICE = `${STEREO_48K},loudnorm=I=${TARGET_LUFS}:TP=${TARGET_TRUE_PEAK}:LRA=11,${STEREO_48K}`;

/** Pure: ffmpeg arguments that write a voice recording, evened out, as a 48 kHz float WAV. */
export function evenVoiceArgs(source: string, target: string): string[] {
  return [...QUIET_WITH_PROGRESS, '-i', source, '-vn', '-af', EVEN_VOICE, '-c:a', 'pcm_f32le', '-f', 'wav', target];
}

/** Places a voice recording, already evened out with EVEN_VOICE, at `start` for the letter's length. */
export function voiceChain(input: string, start: number, volume: number, duration: number): string {
  const ms = Math.round(start * 1000);
  return `${input}${STEREO_48K},volume=${num(volume)},adelay=${ms}|${ms},apad,atrim=0:${num(duration)}`;
}

/**
 * Mixes labelled streams at unity gain. The 2018 ffmpeg's `amix` has no `normalize` and scales
 * every input by 1/n, so the sum is turned back up by n; every input runs the whole letter (each
 * is padded to it) so amix never renormalizes when one ends.
 */
export function mixAtUnity(g: FilterGraph, labels: string[], out: string): void {
  if (labels.length === 1) {
    g.chain(`[${labels[0]}]anull[${out}]`);
    return;
  }
  g.chain(
    `${labels.map((l) => `[${l}]`).join('')}amix=inputs=${labels.length}:duration=first:dropout_transition=0,volume=${labels.length}[${out}]`,
  );
}

/**
 * Mixes music and foreground into `[premix]`: the music ducks under the sum of everything in the
 * foreground (one sidechain key however many streams there are), then all are summed.
 */
export function addMix(g: FilterGraph, inputs: MixInputs): string {
  const { music, foreground, duration } = inputs;
  const parts: string[] = [];
  if (music && foreground.length > 0) {
    const keys = foreground.map((f, i) => {
      g.chain(`[${f}]asplit=2[fg${i}][key${i}]`);
      return `[key${i}]`;
    });
    if (keys.length > 1)
      mixAtUnity(
        g,
        keys.map((k) => k.slice(1, -1)),
        'key',
      );
    const key = keys.length === 1 ? keys[0]! : '[key]';
    g.chain(`[${music.label}]volume=${num(musicGain(music.volume))}[bed];[bed]${key}${DUCKING}[ducked]`);
    parts.push('ducked', ...foreground.map((_, i) => `fg${i}`));
  } else if (music) {
    g.chain(`[${music.label}]volume=${num(musicGain(music.volume))}[ducked]`);
    parts.push('ducked');
  } else {
    parts.push(...foreground);
  }
  if (parts.length === 0) g.chain(`anullsrc=channel_layout=stereo:sample_rate=48000,atrim=0:${num(duration)}[premix]`);
  else mixAtUnity(g, parts, 'premix');
  return 'premix';
}

/** What ebur128 reports for silence (its floor). */
export const SILENT_LUFS = -70;

/** What the first pass measured over the letter's sound: integrated loudness (LUFS) and true peak (dBTP). */
export interface LoudnessMeasurement {
  integrated: number;
  truePeak: number;
}

/**
 * The gain (dB) that takes what the first pass measured (the foreground, or the music when there
 * is none: see addLevelled in sound.ts) to the target. Silence (a muted clip's sound) stays
 * silent rather than being turned up by 54 dB.
 */
export function levellingGain(target: number, measured?: LoudnessMeasurement): number {
  return measured && measured.integrated > SILENT_LUFS ? target - measured.integrated : 0;
}

/**
 * The last stage: a gain (the levelling gain for a letter of music only; with a foreground it was
 * applied to the foreground alone, see addSound) then a lookahead limiter that holds the peaks
 * under the ceiling. A linear gain alone (loudnorm's linear mode) may not raise a mix whose peaks
 * would cross the ceiling, and loudnorm then falls back to its dynamic mode, which left a letter
 * with a short, peaky voice note 2 to 4 LU under the target.
 */
export function loudnessChain(gainDb: number): string {
  // level=0: the limiter only limits; its default would turn the whole mix up to its ceiling.
  return `volume=${num(gainDb)}dB,alimiter=limit=${num(10 ** (LIMIT_DBFS / 20))}:attack=5:release=50:level=0,${STEREO_48K}`;
}
