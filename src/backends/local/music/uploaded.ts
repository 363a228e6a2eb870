import { MUSIC_LUFS } from './synth.js';

/** Overlap between repeats of a song shorter than the letter, so the loop point is a crossfade, not a jump. */
export const LOOP_CROSSFADE = 2;
const FADE_IN = 1;
const FADE_OUT = 3;

/** How many times a song of `songSeconds` must play, overlapping by the crossfade, to cover `seconds`. */
export function repeatsFor(songSeconds: number, seconds: number): number {
  if (songSeconds >= seconds) return 1;
  const overlap = Math.min(LOOP_CROSSFADE, songSeconds / 4);
  return Math.ceil((seconds - overlap) / (songSeconds - overlap));
}

const n = (v: number) => String(Math.round(v * 1000) / 1000);

/**
 * Pure: ffmpeg arguments that fit an uploaded song to exactly `seconds`: trimmed when longer,
 * repeated with crossfades when shorter, brought to the built-in music's loudness (so the music
 * volume means the same for both), faded in and out, written as 48 kHz stereo WAV.
 */
export function fitMusicArgs(source: string, songSeconds: number, seconds: number, target: string): string[] {
  const repeats = repeatsFor(songSeconds, seconds);
  const overlap = Math.min(LOOP_CROSSFADE, songSeconds / 4);
  const inputs = Array.from({ length: repeats }, () => ['-i', source]).flat();
  if (repeats === 1) inputs.unshift('-t', n(seconds + 0.5));
  const chains = Array.from(
    { length: repeats },
    (_, i) => `[${i}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[s${i}]`,
  );
  let joined = 's0';
  for (let i = 1; i < repeats; i++) {
    chains.push(`[${joined}][s${i}]acrossfade=d=${n(overlap)}:c1=tri:c2=tri[j${i}]`);
    joined = `j${i}`;
  }
  const fadeOut = Math.min(FADE_OUT, seconds / 3);
  chains.push(
    `[${joined}]loudnorm=I=${MUSIC_LUFS}:TP=-2:LRA=20,aresample=48000,atrim=0:${n(seconds)},asetpts=N/SR/TB,` +
      `afade=t=in:st=0:d=${n(Math.min(FADE_IN, seconds / 4))},afade=t=out:st=${n(seconds - fadeOut)}:d=${n(fadeOut)}[fitted]`,
  );
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'error',
    ...inputs,
    '-filter_complex',
    chains.join(';'),
    '-map',
    '[fitted]',
    '-c:a',
    'pcm_s16le',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-f',
    'wav',
    target,
  ];
}
