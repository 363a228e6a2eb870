import { describe, expect, it } from 'vitest';
import { letterDuration, planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { motionFor } from '../../../../../src/backends/local/plan/motion.js';
import { readingSeconds, splitMessage } from '../../../../../src/backends/local/plan/pacing.js';
import { LetterSettings } from '../../../../../src/backends/local/project.js';
import { trackOf } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photo = (id: string) => storedPhoto(id);
const settings = (over: Partial<LetterSettings> = {}) => ({ ...LetterSettings.parse({}), ...over });

describe('message pacing', () => {
  it('splits a message at sentence ends', () => {
    expect(splitMessage('Dear Mom, hello. We miss you! See you soon?')).toEqual([
      'Dear Mom, hello.',
      'We miss you!',
      'See you soon?',
    ]);
  });

  it('splits a long sentence at commas before splitting by words', () => {
    const lines = splitMessage(
      'This summer we went back to the mountains near the lake, and every single view reminded me of the stories you told us.',
    );
    expect(lines).toEqual([
      'This summer we went back to the mountains near the lake,',
      'and every single view reminded me of the stories you told us.',
    ]);
  });

  it('splits Chinese at 。and keeps each line readable', () => {
    expect(splitMessage('亲爱的奶奶，我们很想你。圣诞节见！')).toEqual(['亲爱的奶奶，我们很想你。', '圣诞节见！']);
  });

  it('keeps a line on screen at about 180 words a minute, never under the floor', () => {
    expect(readingSeconds('Hi!')).toBe(2.5);
    expect(readingSeconds('one two three four five six seven eight nine ten eleven twelve')).toBeCloseTo(4.6);
  });
});

describe('planLetter', () => {
  it('gives every photo a shot and overlaps neighbours by one crossfade', () => {
    const t = planLetter(settings(), [photo('a'), photo('b'), photo('c')]);
    const shots = trackOf(t, 'video')!.segments;
    expect(shots.map((s) => s.mediaId)).toEqual(['a', 'b', 'c']);
    expect(shots[1]!.start).toBeCloseTo(shots[0]!.end - 1);
    expect(shots.at(-1)!.end).toBe(t.duration);
  });

  it('lengthens the letter so every line of the message can be read', () => {
    const message = 'One sentence here. Another sentence there. A third one. And a fourth one for good measure.';
    const reading = splitMessage(message).reduce((sum, line) => sum + readingSeconds(line), 0);
    expect(letterDuration(settings(), 4.5)).toBeLessThan(reading);
    expect(letterDuration(settings({ message }), 4.5)).toBeGreaterThan(reading);
  });

  it('puts music at 35% under the whole letter by default', () => {
    const t = planLetter(settings(), [photo('a')]);
    expect(trackOf(t, 'music')!.segments).toEqual([{ start: 0, end: t.duration, label: 'Warm', volume: 0.35 }]);
  });

  it('places the title first and the closing card last', () => {
    const t = planLetter(settings({ title: 'Dear Mom', closing: 'Love, Anna', message: 'Hello there.' }), [photo('a')]);
    expect(trackOf(t, 'title')!.segments[0]).toMatchObject({ start: 0, text: 'Dear Mom' });
    expect(trackOf(t, 'closing')!.segments[0]).toMatchObject({ end: t.duration, text: 'Love, Anna' });
    const line = trackOf(t, 'message')!.segments[0]!;
    expect(line.start).toBeGreaterThanOrEqual(3.5);
    expect(line.end).toBeLessThanOrEqual(t.duration - 4);
  });

  it('follows the requested photo order, then the rest in upload order', () => {
    const t = planLetter(settings({ photoOrder: ['c'] }), [photo('a'), photo('b'), photo('c')]);
    expect(trackOf(t, 'video')!.segments.map((s) => s.mediaId)).toEqual(['c', 'a', 'b']);
  });

  it('refuses to plan a letter without photos, saying what to upload', () => {
    expect(() => planLetter(settings(), [])).toThrow(/Upload at least one photo/);
  });
});

describe('motionFor', () => {
  it('alternates zooming in and out and never shows beyond the photo edge', () => {
    for (let i = 0; i < 8; i++) {
      const m = motionFor(i);
      expect(i % 2 === 0 ? m.toZoom > m.fromZoom : m.toZoom < m.fromZoom).toBe(true);
      for (const [z, x, y] of [
        [m.fromZoom, m.fromX, m.fromY],
        [m.toZoom, m.toX, m.toY],
      ] as const) {
        expect(x - 1 / (2 * z)).toBeGreaterThanOrEqual(0);
        expect(x + 1 / (2 * z)).toBeLessThanOrEqual(1);
        expect(y - 1 / (2 * z)).toBeGreaterThanOrEqual(0);
        expect(y + 1 / (2 * z)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('drifts a different way for consecutive photos', () => {
    expect(motionFor(0)).not.toEqual(motionFor(2));
  });
});
