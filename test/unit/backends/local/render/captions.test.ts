import { describe, expect, it } from 'vitest';
import { captionsSrt, srtTime } from '../../../../../src/backends/local/render/compile/captions.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';

const timeline: Timeline = {
  aspect: '16:9',
  duration: 14,
  tracks: [
    { type: 'video', role: 'video', name: 'Video', segments: [{ start: 0, end: 14, label: 'a.jpg', mediaId: 'm_a' }] },
    {
      type: 'text',
      role: 'closing',
      name: 'Closing',
      segments: [{ start: 10, end: 14, label: 'With love, Anna', text: 'With love, Anna' }],
    },
    {
      type: 'text',
      role: 'title',
      name: 'Title',
      segments: [{ start: 0, end: 3.5, label: 'Dear Mom', text: 'Dear Mom' }],
    },
    {
      type: 'text',
      role: 'message',
      name: 'Message',
      segments: [
        { start: 3.9, end: 6.4, label: 'We miss you.', text: 'We miss you.' },
        { start: 6.8, end: 9.3, label: '圣诞节见！', text: '圣诞节见！' },
      ],
    },
  ],
};

describe('captions (.srt)', () => {
  it('writes SubRip times with milliseconds', () => {
    expect(srtTime(3725.5)).toBe('01:02:05,500');
  });

  it('lists the title, each message line and the closing card in the order they appear, with their times', () => {
    expect(captionsSrt(timeline)).toBe(
      '1\n00:00:00,000 --> 00:00:03,500\nDear Mom\n\n' +
        '2\n00:00:03,900 --> 00:00:06,400\nWe miss you.\n\n' +
        '3\n00:00:06,800 --> 00:00:09,300\n圣诞节见！\n\n' +
        '4\n00:00:10,000 --> 00:00:14,000\nWith love, Anna\n',
    );
  });

  it('is empty for a letter without words', () => {
    expect(captionsSrt({ ...timeline, tracks: timeline.tracks.slice(0, 1) })).toBe('');
  });
});
