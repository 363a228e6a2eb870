import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProgramFailed, runProgram } from '../render/run/ffmpeg-runner.js';
import type { SpokenWord, Transcript } from './transcript.js';

/**
 * The offline speech-to-text engine: CMU PocketSphinx with its US English model, from Debian's
 * `pocketsphinx` and `pocketsphinx-en-us` packages. No speech model installs from npm without a
 * download from elsewhere (see docs/speech.md), so the engine
 * is a system program like ffmpeg, found on the PATH; `VIDEO_LETTER_POCKETSPHINX` names another.
 */
export const SPEECH_ENGINE = 'pocketsphinx (US English)';
const INSTALL = 'install it with `apt-get install pocketsphinx pocketsphinx-en-us` (Debian/Ubuntu)';

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

/**
 * Transcribes a voice recording offline: ffmpeg turns it into the 16 kHz mono PCM the model
 * takes, and the recognizer runs in its own short-lived process (about 110 MB, all given back
 * when it exits; the server's event loop stays free). Never throws for a recording: a missing
 * engine is `unavailable`, a file it cannot read is `failed`, each with a sentence saying why.
 */
export async function transcribeRecording(file: string, ffmpeg: string, signal?: AbortSignal): Promise<Transcript> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-speech-'));
  try {
    const wav = path.join(dir, 'speech.wav');
    const converted = await run(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-i',
        file,
        '-map',
        '0:a:0',
        '-ac',
        '1',
        '-ar',
        '16000',
        '-c:a',
        'pcm_s16le',
        wav,
      ],
      signal,
    );
    if (converted.code !== 0) {
      return {
        status: 'failed',
        words: [],
        engine: SPEECH_ENGINE,
        note: `The recording could not be decoded for speech-to-text (${lastLine(converted.log)}); the typed message stays the captions.`,
      };
    }
    const heard = await run(speechEngineCommand(), ['-infile', wav, '-time', 'yes'], signal);
    if (heard.missing) {
      return {
        status: 'unavailable',
        words: [],
        note: `No speech-to-text engine is installed on this computer, so the recording was not transcribed and the typed message stays the captions. To get captions from a voice recording, ${INSTALL}.`,
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
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
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
