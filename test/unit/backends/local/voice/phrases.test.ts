import { describe, expect, it } from 'vitest';
import { spokenPhrases } from '../../../../../src/backends/local/voice/phrases.js';
import { wordsFromRecognizer } from '../../../../../src/backends/local/voice/transcribe.js';
import type { SpokenWord } from '../../../../../src/backends/local/voice/transcript.js';

/** Words said one after another from `start`, each `each` seconds long, without pauses. */
const said = (text: string, start: number, each = 0.3): SpokenWord[] =>
  text.split(' ').map((w, i) => ({ text: w, start: start + i * each, end: start + (i + 1) * each - 0.02 }));

describe('captions from spoken words', () => {
  it('starts a new caption at each pause and shows it from its first word', () => {
    const lines = spokenPhrases([...said('dear grandma', 0.5), ...said('we miss you', 2)]);
    expect(lines.map((l) => [l.text, l.start])).toEqual([
      ['Dear grandma', 0.5],
      ['We miss you', 2],
    ]);
  });

  it('keeps a caption until its last word ends, a little longer when the next one is not due', () => {
    const [first, second] = spokenPhrases([...said('hello', 1), ...said('see you soon', 4)]);
    expect(first!.end).toBeCloseTo(2.2); // at least 1.2 s on screen
    expect(second!.end).toBeCloseTo(4.88 + 0.6);
  });

  it('never lets a caption run into the next one', () => {
    const [first] = spokenPhrases([...said('one two three', 0), ...said('four', 1.2)]);
    expect(first!.end).toBeLessThanOrEqual(1.2);
  });

  it('cuts a long breath into even parts that read at a glance', () => {
    const lines = spokenPhrases(said('we are coming to visit you in the spring', 0, 0.25));
    expect(lines.map((l) => l.text)).toEqual(['We are coming to visit', 'you in the spring']);
  });

  it('writes "I" as a word and capitalises the first letter', () => {
    expect(spokenPhrases(said("i think i'm late", 0))[0]!.text).toBe("I think I'm late");
  });
});

describe('reading the recognizer', () => {
  it('keeps the timed words and drops silences, noises, sentence marks and pronunciation numbers', () => {
    const output = [
      'we had the lake',
      '<s> 0.080 0.150 1.000000',
      'we 0.160 0.340 1.000000',
      '<sil> 0.350 0.400 0.9',
      'had 0.410 0.510 0.615971',
      '[NOISE] 0.520 0.600 0.5',
      'the(2) 0.610 0.700 0.999900',
      'lake 0.710 1.100 0.511157',
      '</s> 1.110 1.400 1.000000',
    ].join('\n');
    expect(wordsFromRecognizer(output)).toEqual([
      { text: 'we', start: 0.16, end: 0.34 },
      { text: 'had', start: 0.41, end: 0.51 },
      { text: 'the', start: 0.61, end: 0.7 },
      { text: 'lake', start: 0.71, end: 1.1 },
    ]);
  });
});
