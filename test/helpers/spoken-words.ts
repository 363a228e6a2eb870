import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FFMPEG, runProgram } from './binaries.js';

/**
 * Recordings of known words, made offline at test time: each phrase is spoken by a speech
 * synthesizer, trimmed to its sound, and laid after a known silence, so a test knows where every
 * phrase starts and ends. Then encoded as a phone voice note is (mono AAC in an .m4a).
 *
 * The voice is festival's HTS voice cmu_us_slt_arctic_hts (Debian `festival`,
 * `festvox-us-slt-hts`), a statistical voice trained on a real speaker: PocketSphinx, trained on
 * people, mishears espeak-ng's formant voice (71% word error rate on these phrases against 7%).
 */

export interface PlacedPhrase {
  text: string;
  /** Seconds from the recording's start: the phrase's first and last sound. */
  start: number;
  end: number;
}

/** A short letter, read as a person would leave a voice note: phrases with pauses between them. */
export const SPOKEN_LETTER = [
  'Dear grandma, I miss you very much.',
  'We had a wonderful summer at the lake.',
  'The children learned to swim and catch fish.',
  'We are coming to visit you in the spring.',
  'Thank you for the lovely birthday card.',
  'All my love, see you soon.',
];

const RATE = 16000;
/** Quieter than this (about -40 dBFS) over 10 ms is silence, for trimming a phrase to its sound. */
const QUIET = 0.01 * 32768;

async function synthesize(text: string, wav: string, dir: string): Promise<void> {
  const txt = path.join(dir, 'phrase.txt');
  writeFileSync(txt, text);
  try {
    await runProgram('text2wave', ['-eval', '(voice_cmu_us_slt_arctic_hts)', txt, '-o', wav]);
  } catch (e) {
    throw new Error(
      `Test speech could not be made (${(e as Error).message}); install it with: apt-get install festival festvox-us-slt-hts`,
    );
  }
}

/** 16 kHz mono samples of a phrase, without the silence around it. */
async function spokenSamples(text: string, dir: string): Promise<Int16Array> {
  const wav = path.join(dir, 'phrase.wav');
  const raw = path.join(dir, 'phrase.raw');
  await synthesize(text, wav, dir);
  await runProgram(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    wav,
    '-ac',
    '1',
    '-ar',
    String(RATE),
    '-f',
    's16le',
    raw,
  ]);
  const bytes = readFileSync(raw);
  const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const window = RATE / 100;
  const loud = (at: number) => {
    let sum = 0;
    for (let i = at; i < Math.min(samples.length, at + window); i++) sum += (samples[i] as number) ** 2;
    return Math.sqrt(sum / window) > QUIET;
  };
  let first = 0;
  while (first < samples.length && !loud(first)) first += window;
  let last = samples.length - window;
  while (last > first && !loud(last)) last -= window;
  return samples.slice(first, last + window);
}

/**
 * Speaks `phrases` into `file` (.m4a): `lead` seconds of silence, then each phrase followed by
 * `gap` seconds of silence. Returns where each phrase was placed.
 */
export async function recordPhrases(file: string, phrases: string[], lead = 0.6, gap = 0.9): Promise<PlacedPhrase[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vl-speech-test-'));
  try {
    const parts: Int16Array[] = [new Int16Array(Math.round(lead * RATE))];
    const placed: PlacedPhrase[] = [];
    let at = lead;
    for (const text of phrases) {
      const spoken = await spokenSamples(text, dir);
      placed.push({ text, start: at, end: at + spoken.length / RATE });
      parts.push(spoken, new Int16Array(Math.round(gap * RATE)));
      at += spoken.length / RATE + gap;
    }
    const all = Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
    const raw = path.join(dir, 'all.raw');
    writeFileSync(raw, all);
    await runProgram(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      's16le',
      '-ar',
      String(RATE),
      '-ac',
      '1',
      '-i',
      raw,
      '-ar',
      '22050',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      file,
    ]);
    return placed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
