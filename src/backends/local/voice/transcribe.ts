import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProgramFailed, runProgram } from '../render/run/ffmpeg-runner.js';
import { runInHelper } from '../render/prepare/helper.js';
import { Reading } from './reading.js';
import type { SpokenWord, Transcript } from './transcript.js';

/**
 * The offline recognizer of free speech: CMU PocketSphinx with its US English model and language
 * model, from Debian's `pocketsphinx` and `pocketsphinx-en-us` packages, found on the PATH like
 * ffmpeg (`VIDEO_LETTER_POCKETSPHINX` names another). npm's soundswallower, which every install
 * has, recognises only grammars: it finds a typed message in a recording (alignRecording) but
 * hears free speech far worse (docs/speech.md), so this one stays for a recording's own words.
 */
export const SPEECH_ENGINE = 'pocketsphinx (US English)';
export const INSTALL_SPEECH_ENGINE =
  'install it with `apt-get install pocketsphinx pocketsphinx-en-us` (Debian/Ubuntu; not packaged for macOS or Windows)';
const INSTALL = INSTALL_SPEECH_ENGINE;

export function speechEngineCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIDEO_LETTER_POCKETSPHINX || 'pocketsphinx_continuous';
}

/** Pure: the timed words in pocketsphinx's `-time yes` output, without silences, noises and sentence marks. */
export function wordsFromRecognizer(output: string): SpokenWord[] {
  const words: SpokenWord[] = [];
  for (const line of output.split('\n')) {
    const m = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) \S+$/.exec(line.trim());
    if (!m || /^[<[+]/.test(m[1] as string)) continue;
    // "the(2)" is the second way of saying "the" in the dictionary: the word is the same.
    words.push({ text: (m[1] as string).replace(/\(\d+\)$/, ''), start: Number(m[2]), end: Number(m[3]) });
  }
  return words;
}

/** The 16 kHz mono samples speech models take: a WAV of 16-bit integers, or raw 32-bit floats. */
async function speechSamples(
  file: string,
  ffmpeg: string,
  target: string,
  format: 'wav' | 'f32le',
  signal?: AbortSignal,
): Promise<Ran> {
  const codec = format === 'wav' ? ['-c:a', 'pcm_s16le'] : ['-f', 'f32le', '-c:a', 'pcm_f32le'];
  const args = ['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '16000'];
  return run(ffmpeg, [...args, ...codec, target], signal);
}

/** Work in a temporary folder of its own, removed after. */
async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-speech-'));
  try {
    return await work(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const undecodable = (converted: Ran) =>
  `The recording could not be decoded for speech-to-text (${lastLine(converted.log)}); the typed message stays the captions.`;

/**
 * Transcribes a voice recording offline: ffmpeg turns it into the 16 kHz mono PCM the model
 * takes, and the recognizer runs in its own short-lived process (about 110 MB, all given back
 * when it exits; the server's event loop stays free). Never throws for a recording: a missing
 * engine is `unavailable`, a file it cannot read is `failed`, each with a sentence saying why.
 */
export async function transcribeRecording(file: string, ffmpeg: string, signal?: AbortSignal): Promise<Transcript> {
  return inTempDir(async (dir) => {
    const wav = path.join(dir, 'speech.wav');
    const converted = await speechSamples(file, ffmpeg, wav, 'wav', signal);
    if (converted.code !== 0)
      return { status: 'failed', words: [], engine: SPEECH_ENGINE, note: undecodable(converted) };
    const heard = await run(speechEngineCommand(), ['-infile', wav, '-time', 'yes'], signal);
    if (heard.missing) {
      return {
        status: 'unavailable',
        words: [],
        note: `No speech-to-text engine is installed on this computer for free speech, so the recording's own words were not transcribed. When it reads the typed message, the captions can still show that message as it is said (found in the recording with the built-in aligner); for the words of any recording, ${INSTALL}.`,
      };
    }
    if (heard.code !== 0) {
      return {
        status: 'failed',
        words: [],
        engine: SPEECH_ENGINE,
        note: `Speech-to-text failed (${lastLine(heard.log)}); if its English model is missing, ${INSTALL}. The typed message stays the captions.`,
      };
    }
    return { status: 'done', words: wordsFromRecognizer(heard.out), engine: SPEECH_ENGINE };
  });
}

/**
 * Finds the typed message in a voice recording (forced alignment with soundswallower, in a helper
 * process: see voice/align.ts), on every computer. A recording that cannot be decoded is an
 * answer (`failed` with its sentence), not an error.
 */
export async function alignRecording(
  file: string,
  ffmpeg: string,
  message: string,
  signal?: AbortSignal,
): Promise<Reading | { failed: string }> {
  return inTempDir(async (dir) => {
    const samples = path.join(dir, 'speech.f32');
    const converted = await speechSamples(file, ffmpeg, samples, 'f32le', signal);
    if (converted.code !== 0) return { failed: undecodable(converted) };
    const found = path.join(dir, 'reading.json');
    await runInHelper('alignMessage', { samples, message }, [found], signal);
    return Reading.parse(JSON.parse(await fs.readFile(found, 'utf8')));
  });
}

interface Ran {
  code: number | null;
  out: string;
  /** The end of what the program wrote to stderr. */
  log: string;
  /** The program is not installed. */
  missing?: boolean;
}

/** Runs a step of the transcription; a program that is not installed or fails is an answer, not an error. */
async function run(command: string, args: string[], signal?: AbortSignal): Promise<Ran> {
  try {
    return { code: 0, out: (await runProgram(command, args, { signal })).stdout, log: '' };
  } catch (e) {
    if (!(e instanceof ProgramFailed) || (e.startError && e.startError !== 'ENOENT')) throw e;
    return { code: e.exitCode, out: '', log: e.stderr, ...(e.startError && { missing: true }) };
  }
}

const lastLine = (log: string) => log.trim().split('\n').at(-1)?.trim() || 'no message';
