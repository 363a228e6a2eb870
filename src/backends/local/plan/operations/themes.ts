import type { LookStyle, MusicMood, TextLook } from '../../../../core/timeline/model.js';
import type { Theme } from '../../../../core/timeline/operations.js';

/** What a theme writes into the letter; every field stays changeable on its own afterwards. */
export interface ThemeSettings {
  /** Title and closing cards' look. */
  cards: Partial<TextLook>;
  /** Message lines' and captions' look. */
  captions: Partial<TextLook>;
  mood: MusicMood;
  pace: number;
  style: LookStyle;
  /** Fade from black / to black, in seconds. */
  fades: { start: number; end: number };
  /** Sentence for the reply. */
  said: string;
}

/**
 * The occasions, chosen to feel like each one: a birthday is gold and lively, a memorial quiet,
 * plain-faced, slower and fading gently in and out, a holiday festive red and gold.
 */
export const THEMES: Record<Theme, ThemeSettings> = {
  birthday: {
    cards: { font: 'handwriting', colour: '#f2c14e', size: 1.1, backing: 'band' },
    captions: { font: 'handwriting', colour: '#fffaf0', backing: 'band' },
    mood: 'celebration',
    pace: 1,
    style: 'warm',
    fades: { start: 0.6, end: 1.5 },
    said: 'gold handwriting, celebration music, warm colours',
  },
  anniversary: {
    cards: { font: 'handwriting', colour: '#f4a6b8', size: 1.05, backing: 'band' },
    captions: { font: 'handwriting', colour: '#fff8e7', backing: 'band' },
    mood: 'warm',
    pace: 1.1,
    style: 'warm',
    fades: { start: 1, end: 2 },
    said: 'rose handwriting, warm music, warm colours',
  },
  memorial: {
    cards: { font: 'plain', colour: '#fff8e7', size: 0.9, backing: 'shadow' },
    captions: { font: 'plain', colour: '#fff8e7', backing: 'band' },
    mood: 'gentle',
    pace: 1.25,
    style: 'natural',
    fades: { start: 2, end: 3 },
    said: 'quiet plain type, gentle music, a slower pace and long fades',
  },
  'thank-you': {
    cards: { font: 'handwriting', colour: '#fffaf0', size: 1, backing: 'band' },
    captions: { font: 'handwriting', colour: '#fffaf0', backing: 'band' },
    mood: 'uplifting',
    pace: 1,
    style: 'natural',
    fades: { start: 0.6, end: 1.5 },
    said: 'cream handwriting, uplifting music',
  },
  holiday: {
    cards: { font: 'bold', colour: '#e84a4a', size: 1, backing: 'outline' },
    captions: { font: 'handwriting', colour: '#f2c14e', backing: 'band' },
    mood: 'celebration',
    pace: 1,
    style: 'warm',
    fades: { start: 0.6, end: 1.5 },
    said: 'festive red and gold type, celebration music, warm colours',
  },
  'just-because': {
    cards: { font: 'handwriting', colour: '#fffaf0', size: 1, backing: 'band' },
    captions: { font: 'handwriting', colour: '#fffaf0', backing: 'band' },
    mood: 'gentle',
    pace: 1,
    style: 'natural',
    fades: { start: 0.6, end: 0.8 },
    said: 'cream handwriting, gentle music',
  },
};
