import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Decoder } from 'soundswallower';
import { dictionarySpelling, typedWordsAtTimes, type Reading, type TypedWord } from './reading.js';

/**
 * Forced alignment of a typed message to a voice recording with soundswallower (PocketSphinx in
 * WebAssembly, its US English model in the npm package): runs in a helper process only (see
 * runInHelper), as the WebAssembly module takes a few seconds of CPU and about 100 MB, all given
 * back when the helper exits, and the server's event loop stays free meanwhile.
 */

/** What the aligner takes: 16 kHz mono 32-bit float samples, as the model was trained on 16 kHz speech. */
export const ALIGN_SAMPLE_RATE = 16000;

/** The order for the helper: the recording's samples (raw f32le) and the typed message. */
export interface AlignOrder {
  samples: string;
  message: string;
}

/** The part of the WebAssembly module used here (its own types lean on @types/emscripten's). */
type CreateModule = (overrides: { modelBase: string }) => Promise<{ Decoder: new (config: object) => Decoder }>;

/** A decoder with the US English model, for alignment (and, in the benchmark, grammars). */
export async function speechDecoder(): Promise<Decoder> {
  const entry = createRequire(import.meta.url).resolve('soundswallower');
  const createModule = (await import('soundswallower')).default as unknown as CreateModule;
  // The model is looked for under `modelBase` (by default "model/" of the working directory).
  const soundswallower = await createModule({ modelBase: `${path.join(path.dirname(entry), 'model')}${path.sep}` });
  const d = new soundswallower.Decoder({ samprate: ALIGN_SAMPLE_RATE, loglevel: 'ERROR' });
  await d.initialize();
  return d;
}

/** Ten seconds of samples at a time: the recording is never copied into the module whole. */
const CHUNK_BYTES = ALIGN_SAMPLE_RATE * 4 * 10;

/** The typed message located in the recording; `match` 0 and no words when the aligner finds no way through it. */
export async function alignMessage({ samples, message }: AlignOrder): Promise<Reading> {
  const d = await speechDecoder();
  try {
    const words: TypedWord[] = message
      .split(/\s+/)
      .filter(Boolean)
      .map((typed) => {
        const spelling = dictionarySpelling(typed);
        return { typed, spoken: spelling && d.lookup_word(spelling) ? spelling : null };
      });
    const said = words.flatMap((w) => (w.spoken ? [w.spoken] : []));
    if (said.length === 0) return { message, words: [], match: 0 };
    d.set_align_text(said.join(' '));
    const audio = await fs.readFile(samples);
    d.start();
    for (let at = 0; at < audio.byteLength; at += CHUNK_BYTES) {
      const chunk = audio.subarray(at, Math.min(audio.byteLength, at + CHUNK_BYTES));
      d.process_audio(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), false, false);
    }
    d.stop();
    const timed = (d.get_alignment().w ?? []).filter((w) => !w.t.startsWith('<') && !w.t.startsWith('['));
    if (timed.length !== said.length) return { message, words: [], match: 0 };
    const match = timed.reduce((sum, w) => sum + w.p, 0) / timed.length;
    const round = (s: number) => Math.round(s * 1000) / 1000;
    return {
      message,
      words: typedWordsAtTimes(
        words,
        timed.map((w) => ({ start: round(w.b), end: round(w.b + w.d) })),
      ),
      match: round(match),
    };
  } finally {
    d.delete();
  }
}
