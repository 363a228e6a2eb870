import { runProgram } from '../backends/local/render/run/ffmpeg-runner.js';

/**
 * Media whose content is known, made by ffmpeg's lavfi sources, for the tests and the benchmark:
 * music whose beats are known (a click track, a song-like drum track, a song whose only pulse is
 * its bass under eighth notes, a waltz) and short clips that stand in for a person's video.
 */

/** Runs ffmpeg quietly on lavfi `sources` (one input each), then `output` (codecs, maps) into `file`. */
async function writeFromSources(ffmpeg: string, file: string, sources: string[], output: string[]): Promise<void> {
  await runProgram(ffmpeg, ['-v', 'error', '-y', ...sources.flatMap((s) => ['-f', 'lavfi', '-i', s]), ...output, file]);
}

/** Writes `seconds` of the sound ffmpeg's `aevalsrc` makes from `expr` (of t, in seconds) to `file`, in the format its extension names. */
export async function writeTestTrack(ffmpeg: string, file: string, expr: string, seconds: number): Promise<void> {
  await writeFromSources(
    ffmpeg,
    file,
    [`aevalsrc=exprs='${expr}':s=44100:d=${seconds}`],
    file.endsWith('.mp3') ? ['-c:a', 'libmp3lame', '-b:a', '160k'] : [],
  );
}

/** What a test clip shows and sounds like; all but its length have a default. */
export interface TestClip {
  seconds: number;
  /** Width x height; 320x180 unless said. */
  size?: `${number}x${number}`;
  /** Frames a second; 30 unless said. */
  fps?: number;
  /**
   * ffmpeg's moving test pattern (the default), or solid colours (ffmpeg names or 0xRRGGBB) one
   * after another, each for an equal share of the clip, so that its colour says where in it a frame is.
   */
  picture?: 'test pattern' | readonly string[];
  /** Its own sound: a steady tone at this many Hz (440 unless said), or false for a clip with none. */
  toneHz?: number | false;
  /** The index first, as a finished letter is stored, so that a reader needs only its head; off unless said. */
  faststart?: boolean;
}

/** One lavfi graph that shows `colours` one after another, each for an equal share of `seconds`. */
const colourSequence = (colours: readonly string[], frames: string, seconds: number) =>
  colours.map((c, i) => `color=c=${c}:${frames}:d=${seconds / colours.length}[c${i}];`).join('') +
  `${colours.map((_, i) => `[c${i}]`).join('')}concat=n=${colours.length}:v=1:a=0`;

/** Writes a short H.264 (yuv420p) MP4, with AAC sound unless it is silent, as `clip` describes. */
export async function writeTestClip(ffmpeg: string, file: string, clip: TestClip): Promise<void> {
  const { seconds, size = '320x180', fps = 30, picture = 'test pattern', toneHz = 440, faststart = false } = clip;
  const frames = `s=${size}:r=${fps}`;
  const video =
    picture === 'test pattern' ? `testsrc=${frames}:d=${seconds}` : colourSequence(picture, frames, seconds);
  await writeFromSources(ffmpeg, file, toneHz === false ? [video] : [video, `sine=f=${toneHz}:d=${seconds}`], [
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p'],
    ...(toneHz === false ? [] : ['-c:a', 'aac', '-shortest']),
    ...(faststart ? ['-movflags', '+faststart'] : []),
  ]);
}

/** Beats every 60/bpm seconds from `first`, up to `seconds`. */
export const beatGrid = (bpm: number, first: number, seconds: number) =>
  Array.from(
    { length: Math.floor(((seconds - first) * bpm) / 60) + 1 },
    (_, i) => Math.round((first + (i * 60) / bpm) * 1000) / 1000,
  );

/** A click track: a 5 ms 1 kHz click every beat from CLICKS_FIRST_BEAT, over soft noise. */
export const CLICKS_BPM = 100;
export const CLICKS_FIRST_BEAT = 0.25;
export const writeClickTrack = (ffmpeg: string, file: string, seconds: number) =>
  writeTestTrack(
    ffmpeg,
    file,
    `0.8*sin(2*PI*1000*t)*lt(mod(t-${CLICKS_FIRST_BEAT}\\,${60 / CLICKS_BPM})\\,0.005)*gte(t\\,${CLICKS_FIRST_BEAT})+0.01*(random(0)-0.5)`,
    seconds,
  );

/** The song-like track's tempo and first beat: a kick on every beat, a snare on 2 and 4, hi-hats on the eighths, a held chord. */
export const SONG_BPM = 100;
export const SONG_FIRST_BEAT = 0.3;

/** Its beats, seconds from its start, up to `seconds`. */
export const songBeatTimes = (seconds: number) => beatGrid(SONG_BPM, SONG_FIRST_BEAT, seconds);

/**
 * Writes the song-like track as an MP3 (as a person's song would come); at another tempo with
 * `kicks: 'one and three'`, it is a rock beat whose kick plays every other beat, the snare between.
 */
export async function writeSongLikeTrack(
  ffmpeg: string,
  file: string,
  seconds: number,
  { bpm = SONG_BPM, kicks = 'every beat' }: { bpm?: number; kicks?: 'every beat' | 'one and three' } = {},
): Promise<void> {
  const beat = 60 / bpm;
  const kick = kicks === 'every beat' ? beat : 2 * beat;
  const from = SONG_FIRST_BEAT;
  const expr = [
    `0.9*sin(2*PI*55*mod(t-${from}\\,${kick}))*exp(-mod(t-${from}\\,${kick})*14)*gte(t\\,${from})`,
    `0.35*(random(0)-0.5)*exp(-mod(t-${from + beat}\\,${2 * beat})*25)*gte(t\\,${from + beat})`,
    `0.25*(random(1)-0.5)*exp(-mod(t-${from}\\,${beat / 2})*70)*gte(t\\,${from})`,
    `0.12*sin(2*PI*110*t)+0.06*sin(2*PI*164.8*t)+0.05*sin(2*PI*220*t)`,
  ].join('+');
  await writeTestTrack(ffmpeg, file, expr, seconds);
}

/**
 * A song with no drums whose beat only its bass marks: at 72 bpm, a plucked bass note on every
 * beat (its root changing every bar of four) under an even eighth-note arpeggio with no accent and
 * a held note. Its onsets recur at 144 bpm as strongly as at 72.
 */
export const BASS_AND_ARPEGGIO_BPM = 72;
export const BASS_AND_ARPEGGIO_FIRST_BEAT = 0.2;
export async function writeBassAndArpeggioTrack(ffmpeg: string, file: string, seconds: number): Promise<void> {
  const beat = 60 / BASS_AND_ARPEGGIO_BPM;
  const [from, eighth] = [BASS_AND_ARPEGGIO_FIRST_BEAT, beat / 2];
  const expr = [
    `0.5*sin(2*PI*(65.4+32.6*gte(mod(t-${from}\\,${8 * beat})\\,${4 * beat}))*t)*exp(-mod(t-${from}\\,${beat})*5)*gte(t\\,${from})`,
    `0.15*sin(2*PI*(523.3+136*lt(mod(t-${from}\\,${beat})\\,${eighth}))*t)*exp(-mod(t-${from}\\,${eighth})*8)*gte(t\\,${from})`,
    `0.05*sin(2*PI*329.6*t)`,
  ].join('+');
  await writeTestTrack(ffmpeg, file, expr, seconds);
}

/**
 * A waltz with no drums ("oom-pah-pah"): a bass note on the first beat of each bar of three and a
 * plucked chord on the second and third. Tracked at one beat in two, the bar would start on a
 * beat, then between two.
 */
export const WALTZ_FIRST_BEAT = 0.3;
export async function writeWaltzTrack(ffmpeg: string, file: string, seconds: number, bpm: number): Promise<void> {
  const [from, beat] = [WALTZ_FIRST_BEAT, 60 / bpm];
  const expr = [
    `0.6*sin(2*PI*82.4*t)*exp(-mod(t-${from}\\,${3 * beat})*6)*gte(t\\,${from})`,
    `0.2*(sin(2*PI*261.6*t)+sin(2*PI*329.6*t)+sin(2*PI*392*t))*exp(-mod(t-${from}\\,${beat})*12)*gte(mod(t-${from}\\,${3 * beat})\\,${beat / 2})*gte(t\\,${from})`,
  ].join('+');
  await writeTestTrack(ffmpeg, file, expr, seconds);
}

/**
 * A drummed waltz: a kick on the first beat of each bar of three, a snare on the second and third,
 * hi-hats on every eighth and a held chord, from WALTZ_FIRST_BEAT. At 180 bpm it recurs at 120 too
 * (a kick, then the hat between beats 2 and 3) and at 60 (a bar).
 */
export async function writeDrummedWaltzTrack(
  ffmpeg: string,
  file: string,
  seconds: number,
  bpm: number,
): Promise<void> {
  const [from, beat] = [WALTZ_FIRST_BEAT, 60 / bpm];
  const expr = [
    `0.9*sin(2*PI*55*mod(t-${from}\\,${3 * beat}))*exp(-mod(t-${from}\\,${3 * beat})*14)*gte(t\\,${from})`,
    `0.35*(random(0)-0.5)*exp(-mod(t-${from}\\,${beat})*25)*gte(mod(t-${from}\\,${3 * beat})\\,${beat / 2})*gte(t\\,${from})`,
    `0.25*(random(1)-0.5)*exp(-mod(t-${from}\\,${beat / 2})*70)*gte(t\\,${from})`,
    `0.12*sin(2*PI*110*t)+0.06*sin(2*PI*164.8*t)`,
  ].join('+');
  await writeTestTrack(ffmpeg, file, expr, seconds);
}
