import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exists } from '../../../files.js';
import { digest } from '../render/prepare/digest.js';
import type { SpeechOrder } from './espeak.js';
import { runInHelper } from '../render/prepare/helper.js';

/**
 * Reading the message aloud: each line of the message spoken on its own, so the planner can keep
 * every caption on screen exactly while its words are heard. Lines are cached by what shapes
 * their sound (voice, speed, words), shared by every letter.
 */

/**
 * espeak-ng's speed at the normal pace: a little slower than its 175, as one reads a letter to
 * someone (the 41-word message of the 30 s letter comes out at about 156 words a minute).
 */
export const NARRATION_WPM = 150;

/** Bump when the voice or its settings change, so older spoken lines are not reused. */
const VOICE_VERSION = 'espeak-ng-2';

/**
 * The espeak-ng voice for a line, by its script: Mandarin for Chinese characters, Japanese for
 * kana, Korean, Arabic, Russian for Cyrillic; anything else is read in American English.
 */
export function voiceFor(text: string): string {
  if (/[\u3040-\u30ff]/u.test(text)) return 'ja';
  if (/[\u3400-\u9fff\uf900-\ufaff]/u.test(text)) return 'cmn';
  if (/[\uac00-\ud7af]/u.test(text)) return 'ko';
  if (/[\u0600-\u06ff]/u.test(text)) return 'ar';
  if (/[\u0400-\u04ff]/u.test(text)) return 'ru';
  return 'en-us';
}

/** A line as spoken: its words, the WAV file holding them, and how long they take. */
export interface SpokenLine {
  text: string;
  file: string;
  seconds: number;
}

/** Words a minute for a reading pace (1 = normal, 1.25 = a quarter slower). */
export const wordsPerMinute = (pace: number) => Math.round(NARRATION_WPM / pace);

/** The length of a PCM WAV from its header: the data chunk's size over the bytes a second. */
export async function wavSeconds(file: string): Promise<number> {
  const wav = await fs.readFile(file);
  const byteRate = wav.readUInt32LE(28);
  let at = 12;
  while (at + 8 <= wav.length) {
    const size = wav.readUInt32LE(at + 4);
    if (wav.toString('ascii', at, at + 4) === 'data') return Math.min(size, wav.length - at - 8) / byteRate;
    at += 8 + size + (size % 2);
  }
  return 0;
}

/**
 * Each line spoken (synthesized in a helper process when not cached under `cache`), in order.
 * Takes about a tenth of the speech's length on two cores, plus half a second to start.
 */
export async function narrateLines(
  lines: string[],
  pace: number,
  cache: string,
  signal?: AbortSignal,
): Promise<SpokenLine[]> {
  const wpm = wordsPerMinute(pace);
  const wanted = lines.map((text) => ({
    text,
    voice: voiceFor(text),
    file: path.join(cache, 'speech', `${digest(VOICE_VERSION, voiceFor(text), wpm, text)}.wav`),
  }));
  const missing: typeof wanted = [];
  for (const line of wanted)
    if (!(await exists(line.file)) && !missing.some((m) => m.file === line.file)) missing.push(line);
  if (missing.length > 0) {
    const order: SpeechOrder = { lines: missing.map(({ text, voice }) => ({ text, voice })), wordsPerMinute: wpm };
    await runInHelper(
      'speakLines',
      order,
      missing.map((m) => m.file),
      signal,
    );
  }
  return Promise.all(wanted.map(async ({ text, file }) => ({ text, file, seconds: await wavSeconds(file) })));
}
