import { describe, expect, it } from 'vitest';
import {
  dictionarySpelling,
  readsMessage,
  typedWordsAtTimes,
} from '../../../../../src/backends/local/voice/reading.js';

const at = (start: number, end: number) => ({ start, end });

describe('the typed message on the times its words are said', () => {
  it('keeps each word as typed, punctuation and capitals included', () => {
    const words = [
      { typed: 'Dear', spoken: 'dear' },
      { typed: 'Grandma,', spoken: 'grandma' },
    ];
    expect(typedWordsAtTimes(words, [at(0.6, 0.8), at(0.8, 1.3)])).toEqual([
      { text: 'Dear', start: 0.6, end: 0.8 },
      { text: 'Grandma,', start: 0.8, end: 1.3 },
    ]);
  });

  it('shows a word the aligner does not know with the word said before it', () => {
    const words = [
      { typed: 'Love,', spoken: 'love' },
      { typed: 'Zoë', spoken: null },
    ];
    expect(typedWordsAtTimes(words, [at(2, 2.4)])).toEqual([{ text: 'Love, Zoë', start: 2, end: 2.4 }]);
  });

  it('shows an unknown first word with the first word said', () => {
    const words = [
      { typed: 'Zoë,', spoken: null },
      { typed: 'hello', spoken: 'hello' },
    ];
    expect(typedWordsAtTimes(words, [at(1, 1.5)])).toEqual([{ text: 'Zoë, hello', start: 1, end: 1.5 }]);
  });
});

describe('spelling a typed word as the dictionary does', () => {
  it('lower-cases it and drops the punctuation around it, keeping apostrophes inside', () => {
    expect(dictionarySpelling('“Grandma’s,')).toBe("grandma's");
    expect(dictionarySpelling('soon.')).toBe('soon');
  });
});

describe('whether a recording reads the message', () => {
  const reading = { message: 'See you soon.', words: [{ text: 'See', start: 0, end: 0.2 }], match: 0.95 };

  it('reads it when aligned with this very message, surely', () => {
    expect(readsMessage(reading, 'See you soon.')).toBe(true);
  });

  it('says nothing of another message', () => {
    expect(readsMessage(reading, 'See you in May.')).toBe(false);
  });

  it('does not read it when the aligner was unsure (another text spoken)', () => {
    expect(readsMessage({ ...reading, match: 0.84 }, 'See you soon.')).toBe(false);
  });
});
