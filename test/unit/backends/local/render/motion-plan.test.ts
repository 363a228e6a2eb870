import { describe, expect, it } from 'vitest';
import { motionFor } from '../../../../../src/backends/local/plan/motion.js';
import {
  PAD,
  frameTable,
  motionWindow,
  planAxis,
  scaledMotion,
} from '../../../../../src/backends/local/render/compile/motion.js';
import { FRAME_SIZES, type Motion } from '../../../../../src/core/timeline/model.js';

/** The window at frame `i` of a shot of `count` frames. */
const windowAt = (motion: Motion, count: number, i: number, width: number, height: number) =>
  motionWindow(motion, i / (count - 1), width, height);

const SIZES = [...Object.values(FRAME_SIZES), { width: 960, height: 540 }, { width: 540, height: 960 }];
const MOTIONS = [
  ...[0, 1, 2, 3].map(motionFor),
  { fromZoom: 1.3, toZoom: 1.3, fromX: 0.39, fromY: 0.39, toX: 0.61, toY: 0.61 },
  { fromZoom: 1, toZoom: 2, fromX: 0.5, fromY: 0.5, toX: 0.25, toY: 0.75 },
  { fromZoom: 1, toZoom: 1, fromX: 0.5, fromY: 0.5, toX: 0.5, toY: 0.5 },
];

/** Where output pixel x samples the padded photo, by the chain's own arithmetic (swscale maps pixel centres). */
function sampled(plan: ReturnType<typeof planAxis>, frame: number, x: number): number {
  const s = plan.steps[frame]!;
  const k1 = plan.n1 / s.m1;
  return s.c + s.e * k1 + (x + s.d + 0.5) * k1 * (plan.n2 / s.m2) - 0.5;
}

describe('planAxis (exact whole-pixel crops and resizes for a moving window)', () => {
  it('samples every output pixel within 0.05 px of where the motion puts it, for every frame size and planned motion', () => {
    for (const { width, height } of SIZES) {
      for (const motion of MOTIONS) {
        const frames = Array.from({ length: 120 }, (_, i) => windowAt(motion, 120, i, width, height));
        for (const [size, start, span] of [
          [width, 'x', 'w'],
          [height, 'y', 'h'],
        ] as const) {
          const plan = planAxis(
            size,
            frames.map((f) => ({ start: f[start], span: f[span] })),
          );
          frames.forEach((f, i) => {
            for (const x of [0, size / 2, size - 1]) {
              const wanted = f[start] + PAD + ((x + 0.5) * f[span]) / size - 0.5;
              expect(Math.abs(sampled(plan, i, x) - wanted) / (f[span] / size)).toBeLessThan(0.05);
            }
          });
        }
      }
    }
  });

  it('uses only even sizes and offsets, so the half-size colour planes are cut exactly like the brightness', () => {
    const frames = Array.from({ length: 60 }, (_, i) => windowAt(motionFor(1), 60, i, 1920, 1080));
    const plan = planAxis(
      1080,
      frames.map((f) => ({ start: f.y, span: f.h })),
    );
    for (const s of plan.steps) for (const v of [s.c, s.m1, s.e, s.m2, s.d]) expect(v % 2).toBe(0);
    expect([plan.n1 % 2, plan.n2 % 2, plan.padded % 2]).toEqual([0, 0, 0]);
  });

  it('keeps every crop inside the picture it cuts', () => {
    const frames = Array.from({ length: 90 }, (_, i) => windowAt(motionFor(2), 90, i, 1920, 1080));
    const plan = planAxis(
      1920,
      frames.map((f) => ({ start: f.x, span: f.w })),
    );
    for (const s of plan.steps) {
      expect(s.c + plan.n1).toBeLessThanOrEqual(plan.padded);
      expect(s.e + plan.n2).toBeLessThanOrEqual(s.m1);
      expect(s.d + 1920).toBeLessThanOrEqual(s.m2);
    }
  });
});

describe('scaledMotion from part-way', () => {
  it("continues the same path: a part starting 40 frames into a shot gets the whole shot's numbers from frame 40", () => {
    const motion = motionFor(0);
    const tables = (first: number, count: number) => scaledMotion(motion, 100, 1920, 1080, first, count).each;
    const whole = planAxis(
      1920,
      Array.from({ length: 100 }, (_, i) => windowAt(motion, 100, i, 1920, 1080)).map((f) => ({
        start: f.x,
        span: f.w,
      })),
    );
    const later = planAxis(
      1920,
      Array.from({ length: 60 }, (_, i) => windowAt(motion, 100, 40 + i, 1920, 1080)).map((f) => ({
        start: f.x,
        span: f.w,
      })),
    );
    expect(later.steps).toEqual(whole.steps.slice(40));
    expect(tables(40, 60)).not.toEqual(tables(0, 60));
  });
});

describe('frameTable', () => {
  it('turns per-frame values into a binary search over runs of equal values, escaped for a filtergraph', () => {
    expect(frameTable([4])).toBe('4');
    expect(frameTable([4, 4, 6, 8, 8])).toBe('if(lt(n\\,2)\\,4\\,if(lt(n\\,3)\\,6\\,8))');
  });
});
