/**
 * The synthetic voice: espeak-ng compiled to WebAssembly (the `text2wav` package), so it speaks on
 * every machine with nothing but npm. Loaded on first use: the server itself never pays for it,
 * only the helper process that reads a message aloud.
 */
/** Its options go to espeak-ng as command-line words: numbers must be strings, or espeak-ng never sees them. */
type Text2Wav = (
  text: string,
  options: { voice: string; speed: string; pitch: string; noFinalPause: boolean },
) => Promise<Uint8Array>;

let loaded: Promise<Text2Wav> | undefined;

const text2wav = () => (loaded ??= import('text2wav').then((m) => (m.default ?? m) as unknown as Text2Wav));

/** espeak-ng's WAV: 16-bit mono PCM at this rate. */
export const ESPEAK_SAMPLE_RATE = 22050;

/** What the helper process is asked to say: one WAV per line. */
export interface SpeechOrder {
  lines: { text: string; voice: string }[];
  wordsPerMinute: number;
}

/** One line spoken by espeak-ng `voice` at `wordsPerMinute`, as WAV bytes, without silence before or after it. */
export async function speakWithEspeak(text: string, voice: string, wordsPerMinute: number): Promise<Uint8Array> {
  // A little lower than espeak-ng's 50: calmer, less buzzy.
  return trimSilence(
    await (
      await text2wav()
    )(text, { voice, speed: String(Math.round(wordsPerMinute)), pitch: '45', noFinalPause: true }),
  );
}

const HEADER = 44;
/** Quieter than this (-40 dBFS) is silence. */
const QUIET = Math.round(32767 * 0.01);
/** Kept around the speech so its first and last sounds are not cut. */
const MARGIN = Math.round(ESPEAK_SAMPLE_RATE * 0.02);

/**
 * espeak-ng's 16-bit mono WAV with the silence at both ends cut off (it leaves about 0.35 s after
 * the last word even without its final pause), so a line's length is its speech: the planner
 * places each caption by it, and adds its own breath.
 */
export function trimSilence(wav: Uint8Array): Uint8Array {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const count = Math.floor((wav.byteLength - HEADER) / 2);
  const loud = (i: number) => Math.abs(view.getInt16(HEADER + i * 2, true)) > QUIET;
  let first = 0;
  while (first < count && !loud(first)) first++;
  let last = count - 1;
  while (last > first && !loud(last)) last--;
  const from = Math.max(0, first - MARGIN);
  const to = Math.min(count, last + 1 + MARGIN);
  const out = new Uint8Array(HEADER + (to - from) * 2);
  out.set(wav.subarray(0, HEADER));
  out.set(wav.subarray(HEADER + from * 2, HEADER + to * 2), HEADER);
  const header = new DataView(out.buffer);
  header.setUint32(4, out.byteLength - 8, true);
  header.setUint32(40, out.byteLength - HEADER, true);
  return out;
}
