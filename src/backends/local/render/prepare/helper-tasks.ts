import { promises as fs } from 'node:fs';
import { encodeWav, synthesizeMusic } from '../../music/synth.js';
import { alignMessage, type AlignOrder } from '../../voice/align.js';
import { speakWithEspeak, type SpeechOrder } from '../../voice/espeak.js';
import { fitPhotos, type PhotoJob } from './photos.js';

/**
 * The work a helper process does: each task gets its input and the files to write, one for each
 * thing it makes, and tells `done` the index of each file as it is written (see runInHelper).
 */
export const HELPER_TASKS = {
  fitPhotos: ({ jobs, atOnce }: { jobs: PhotoJob[]; atOnce: number }, files: string[], done: (index: number) => void) =>
    fitPhotos(jobs, files, done, atOnce),
  synthesizeMusic: async (
    { mood, seconds }: { mood: string; seconds: number },
    [file]: string[],
    done: (index: number) => void,
  ) => {
    await fs.writeFile(file as string, encodeWav(synthesizeMusic(mood, seconds)));
    done(0);
  },
  speakLines: async ({ lines, wordsPerMinute }: SpeechOrder, files: string[], done: (index: number) => void) => {
    for (const [i, line] of lines.entries()) {
      await fs.writeFile(files[i] as string, await speakWithEspeak(line.text, line.voice, wordsPerMinute));
      done(i);
    }
  },
  alignMessage: async (order: AlignOrder, [file]: string[], done: (index: number) => void) => {
    await fs.writeFile(file as string, JSON.stringify(await alignMessage(order)));
    done(0);
  },
};

export type HelperTask = keyof typeof HELPER_TASKS;
export type HelperInput<T extends HelperTask> = Parameters<(typeof HELPER_TASKS)[T]>[0];

/** What the server sends a helper process on its stdin. */
export interface HelperOrder<T extends HelperTask = HelperTask> {
  task: T;
  input: HelperInput<T>;
  files: string[];
}
