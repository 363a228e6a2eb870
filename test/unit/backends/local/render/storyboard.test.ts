import { describe, expect, it } from 'vitest';
import { motionWindow } from '../../../../../src/backends/local/render/compile/motion.js';
import { storyboardTiles } from '../../../../../src/backends/local/storyboard.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';

const timeline: Timeline = {
  aspect: '16:9',
  duration: 14,
  tracks: [
    {
      type: 'video',
      role: 'video',
      name: 'Video',
      segments: [
        { start: 0, end: 5.5, label: 'a.jpg', mediaId: 'a', kind: 'photo' },
        { start: 4.5, end: 10, label: 'b.mp4', mediaId: 'b', kind: 'clip' },
        { start: 9, end: 14, label: 'c.jpg', mediaId: 'c', kind: 'photo' },
      ],
    },
    {
      type: 'text',
      role: 'title',
      name: 'Title',
      segments: [{ start: 0, end: 3.5, label: 'Dear Mom', text: 'Dear Mom' }],
    },
    { type: 'text', role: 'closing', name: 'Closing', segments: [{ start: 10, end: 14, label: 'Love', text: 'Love' }] },
  ],
};

describe('storyboard key frames', () => {
  it('shows the title card, every shot in order, then the closing card', () => {
    expect(storyboardTiles(timeline).map((t) => t.label)).toEqual([
      'Title',
      '1. a.jpg',
      '2. b.mp4',
      '3. c.jpg',
      'Closing',
    ]);
  });

  it('takes each shot where it is alone on screen, after the crossfade into it', () => {
    const tiles = storyboardTiles(timeline);
    expect(tiles[2]).toMatchObject({ at: 7.75, shot: { mediaId: 'b' } });
    expect(tiles[4]).toMatchObject({ at: 12, shot: { mediaId: 'c' } });
  });

  it('crops a photo tile to the Ken Burns window of that moment', () => {
    const motion = { fromZoom: 1, toZoom: 2, fromX: 0.5, fromY: 0.5, toX: 0.5, toY: 0.5 };
    expect(motionWindow(motion, 0, 100, 50)).toEqual({ x: 0, y: 0, w: 100, h: 50 });
    expect(motionWindow(motion, 1, 100, 50)).toEqual({ x: 25, y: 12.5, w: 50, h: 25 });
  });
});
