import type { MusicMood } from '../../timeline/model.js';

/**
 * What the grammar may know of the letter to understand a request: its moments in playing order
 * (so "the second photo" and "the beach one" can be found), its cards and lines (so "change 'see
 * you soon' to ..." can be), and the state of its sound. A plain value: the parser never reads or
 * writes the letter itself.
 */
export interface MomentView {
  id: string;
  fileName: string;
  kind: 'photo' | 'clip';
  /** Its own caption, if it has one. */
  caption?: string;
}

export interface RecordingView {
  id: string;
  fileName: string;
}

export interface LetterView {
  /** Photos and clips as they play, first to last. */
  moments: MomentView[];
  /** Photos that do not play (set aside as duplicates or blurred, left out to fit a length, removed), so they can be brought back by name. */
  leftOut?: MomentView[];
  title: string;
  closing: string;
  /** The message's lines as they show. */
  lines: string[];
  music: { on: boolean; mood: MusicMood; volume: number };
  /** Voice recordings uploaded, and whether one plays. */
  voices: RecordingView[];
  voiceOn: boolean;
  /** Songs uploaded as music. */
  songs: RecordingView[];
  narration: boolean;
}
