import { MusicMood } from '../../../core/timeline/model.js';
import { MOODS } from './synth.js';

/**
 * The beats of the built-in music, in seconds of the letter: the synthesizer plays its chords and
 * arpeggio on a fixed grid from the music's first sample, so its beats are known exactly.
 * `startsAt` is where the music starts in the letter; beats run up to `endsAt`.
 */
export function builtInBeats(mood: MusicMood, startsAt: number, endsAt: number): number[] {
  const beat = 60 / MOODS[mood].bpm;
  const beats: number[] = [];
  for (let i = 0; startsAt + i * beat <= endsAt + 1e-9; i++)
    beats.push(Math.round((startsAt + i * beat) * 1000) / 1000);
  return beats;
}
