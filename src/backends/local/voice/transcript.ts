import { z } from 'zod';

/** One word heard in a voice recording, with when it is said (seconds from the recording's start). */
export const SpokenWord = z.object({ text: z.string(), start: z.number().min(0), end: z.number().min(0) });
export type SpokenWord = z.infer<typeof SpokenWord>;

/**
 * What speech-to-text made of a voice recording, kept with the recording in project.json:
 * `done` with the words heard (possibly none), `unavailable` when this computer has no speech
 * engine, `failed` when the engine could not read the file. `note` says why, for the person.
 */
export const Transcript = z.object({
  status: z.enum(['done', 'unavailable', 'failed']),
  words: z.array(SpokenWord).default([]),
  engine: z.string().optional(),
  note: z.string().optional(),
});
export type Transcript = z.infer<typeof Transcript>;

/** The words as one line of plain text. */
export function transcriptText(words: readonly SpokenWord[]): string {
  return words.map((w) => w.text).join(' ');
}
