import { describe, expect, it } from 'vitest';
import { summarizeTimeline } from '../../../../src/core/timeline/summary.js';

describe('summarizeTimeline', () => {
  it('reads like the NemoVideo summary', () => {
    const summary = summarizeTimeline({
      aspect: '16:9',
      duration: 18,
      tracks: [
        {
          type: 'video',
          role: 'video',
          name: 'Video',
          segments: [0, 1, 2].map((i) => ({ start: i * 6, end: i * 6 + 6, label: `p${i}.jpg` })),
        },
        { type: 'audio', role: 'music', name: 'BGM', segments: [{ start: 0, end: 18, label: 'Warm', volume: 0.35 }] },
        {
          type: 'text',
          role: 'title',
          name: 'Title',
          segments: [{ start: 0, end: 3, label: 'Dear Mom', text: 'Dear Mom' }],
        },
      ],
    });
    expect(summary).toBe(
      'Timeline (3 tracks): 1. Video: 3 photos (0-18s) 2. BGM: Warm (0-18s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
  });

  it('says there is nothing yet before the letter is generated', () => {
    expect(summarizeTimeline(undefined)).toMatch(/^Timeline \(0 tracks\): nothing yet/);
  });
});
