import type { RenderAssets, RenderTarget } from '../../src/backends/local/render/compile/types.js';
import type { Segment, Timeline } from '../../src/core/timeline/model.js';

/** A 10 s letter of two overlapping shots under music, for the compiler tests. */
export function twoShotLetter(
  second: Segment = {
    start: 4.5,
    end: 10,
    label: 'b.jpg',
    mediaId: 'm_b',
    motion: { fromZoom: 1.12, toZoom: 1, fromX: 0.45, fromY: 0.47, toX: 0.5, toY: 0.5 },
  },
): Timeline {
  return {
    aspect: '16:9',
    duration: 10,
    tracks: [
      {
        type: 'video',
        role: 'video',
        name: 'Video',
        segments: [
          {
            start: 0,
            end: 5.5,
            label: 'a.jpg',
            mediaId: 'm_a',
            motion: { fromZoom: 1, toZoom: 1.12, fromX: 0.5, fromY: 0.5, toX: 0.55, toY: 0.53 },
          },
          second,
        ],
      },
      { type: 'audio', role: 'music', name: 'BGM', segments: [{ start: 0, end: 10, label: 'Warm', volume: 0.35 }] },
    ],
  };
}

/** Prepared files for twoShotLetter: two photos, a title card and the music. */
export function twoShotAssets(): RenderAssets {
  return {
    photos: { m_a: '/p/a.jpg', m_b: '/p/b.jpg' },
    clips: {},
    overlays: [{ path: '/t/title.png', start: 0, end: 3.5, x: 0, y: 0 }],
    music: { path: '/m/warm.wav', volume: 0.35 },
  };
}

export const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1] ?? '';
export const inputsOf = (args: string[]) => args.flatMap((a, i) => (a === '-i' ? [args[i + 1]] : []));

/** A final 1080p 16:9 letter written to `path`, for the compiler tests. */
export const finalTarget = (path = '/out/letter.mp4'): RenderTarget => ({
  path,
  width: 1920,
  height: 1080,
  quality: 'final',
  motion: 'perspective',
});
