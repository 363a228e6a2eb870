import { writeFileSync } from 'node:fs';
import text2wav from 'text2wav';
import { FFMPEG, measureLoudness } from './audio.js';
import { runProgram } from './binaries.js';

/**
 * How peaky a recorded voice is. `plain` is espeak-ng as it speaks; `peaky` adds the sharp
 * clicks and plosive pops of a phone held close (peaks near full scale over quiet speech, the
 * kind that capped a linear gain); `compressed` is a voice already squashed by a phone's
 * processing, with little between its peaks and its loudness.
 */
export type Crest = 'plain' | 'peaky' | 'compressed';

const SHAPE: Record<Crest, string> = {
  plain: 'anull',
  // A 2 ms full-scale pop every 1.3 s, over the speech.
  peaky: "aeval=exprs='val(0)+0.9*lt(mod(t\\,1.3)\\,0.002)*sin(2*PI*900*t)'",
  compressed: 'acompressor=threshold=0.05:ratio=12:attack=1:release=50:makeup=4',
};

/** A sentence or two a grandchild might record, spoken by espeak-ng (wasm, from npm). */
export const SPOKEN = 'Hello Grandma, it is me. I wanted you to hear my voice today. We all miss you very much.';

/**
 * Writes a voice note like a phone records it: speech (espeak-ng) shaped to a crest, brought to
 * `lufs` integrated, encoded as mono 22.05 kHz AAC in an .m4a. Returns its measured loudness.
 */
export async function makeVoiceNote(file: string, lufs: number, crest: Crest, text = SPOKEN, voice = 'en') {
  const raw = `${file}.raw.wav`;
  const shaped = `${file}.shaped.wav`;
  writeFileSync(raw, await text2wav(text, { voice }));
  const ff = (...args: string[]) => runProgram(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  await ff('-i', raw, '-af', `aresample=44100,${SHAPE[crest]}`, '-ac', '1', '-c:a', 'pcm_f32le', shaped);
  const gain = lufs - (await measureLoudness(shaped)).integrated;
  await ff(
    '-i',
    shaped,
    '-af',
    `volume=${gain.toFixed(2)}dB`,
    '-ac',
    '1',
    '-ar',
    '22050',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    file,
  );
  return measureLoudness(file);
}
