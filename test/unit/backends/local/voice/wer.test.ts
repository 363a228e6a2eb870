import { describe, expect, it } from 'vitest';
import { comparableWords, wordErrorRate } from '../../../../../src/backends/local/voice/wer.js';

describe('word error rate', () => {
  it('is 0 for the same words, whatever the case and punctuation', () => {
    expect(wordErrorRate('Dear Grandma, I miss you!', 'dear grandma i miss you').rate).toBe(0);
  });

  it('counts a wrong word, a missing word and an extra word once each', () => {
    // said: dear grandma i miss you very much (7 words)
    // heard: dear graham on i miss you much → grandma→graham (1), +on (1), -very (1)
    expect(wordErrorRate('Dear grandma, I miss you very much.', 'dear graham on i miss you much')).toEqual({
      errors: 3,
      words: 7,
      rate: 3 / 7,
    });
  });

  it('is 1 when nothing was heard of what was said', () => {
    expect(wordErrorRate('see you soon', '').rate).toBe(1);
  });

  it('keeps apostrophes inside words and counts Chinese characters one by one', () => {
    expect(comparableWords("I'm 'so' happy — 奶奶好")).toEqual(["i'm", 'so', 'happy', '奶', '奶', '好']);
  });
});
