import { describe, expect, it } from 'vitest';
import { MAX_LETTER_SECONDS, MAX_MEDIA_SECONDS, MAX_MESSAGE_CHARS } from '../../../../../src/backends/local/limits.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const settings = (over: Partial<LetterSettings> = {}) => ({ ...LetterSettings.parse({}), ...over });
const voice = (seconds: number): StoredMedia => ({
  id: 'v1',
  fileName: 'voice.m4a',
  storedAs: 'v1.m4a',
  uploadedAt: '',
  kind: 'audio',
  format: 'm4a',
  sizeBytes: 1000,
  durationSeconds: seconds,
  role: 'voice',
});

describe('no mix of inputs plans a letter longer than the limit', () => {
  it('plans the longest voice recording allowed, with a title and closing, within the limit', () => {
    const timeline = planLetter(settings({ title: 'Dear Mum', closing: 'Love, Anna' }), [
      storedPhoto('p1'),
      voice(MAX_MEDIA_SECONDS),
    ]);
    expect(timeline.duration).toBeLessThanOrEqual(MAX_LETTER_SECONDS);
  });

  it('refuses a message of many short lines that would run past 20 minutes, saying the limit', () => {
    const message = 'Hi.\n'.repeat(MAX_MESSAGE_CHARS / 4);
    expect(() => planLetter(settings({ message, pace: 2 }), [storedPhoto('p1')])).toThrow(
      /This letter would be \d+ minutes long, and a letter can be at most 20 minutes\./,
    );
  });

  it('refuses a voice recording whose stored length is hours (a record from before the check)', () => {
    expect(() => planLetter(settings(), [storedPhoto('p1'), voice(56_000_000)])).toThrow(/at most 20 minutes/);
  });
});
