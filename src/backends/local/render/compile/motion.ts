import type { Motion } from '../../../../core/timeline/model.js';

/**
 * Ken Burns with libswscale, exactly: the moving window is cut and resized by
 * crop → scale → crop → scale → crop, all in whole (even) pixels, and the whole numbers are
 * chosen per frame so that the composed mapping lands on the motion's sub-pixel window.
 *
 * Why: `perspective` samples the window with sub-pixel precision but costs about as much CPU per
 * frame as x264 itself; `zoompan` (and any single crop + scale) rounds the window to whole
 * pixels and wobbles. One resize by a whole-pixel ratio cannot hit every zoom, but two in a row
 * can: the product (n1/m1)·(n2/m2) of two ratios comes within a few thousandths of a pixel of any
 * zoom, and the three crops (each an offset times a different step) of any position. Two swscale
 * resizes cost about a quarter of one `perspective`.
 *
 * Per axis (widths shown; heights are the same sum): a photo of exactly the frame's size is
 * padded by PAD on each side (edges repeated, so resampling at the frame's edge sees the photo's
 * own edge), then
 *   crop n1 at c  →  scale to m1  →  crop n2 at e  →  scale to m2  →  crop `size` at d.
 * Output pixel x samples the padded photo at c + e·n1/m1 + (x + d + 0.5)·k − 0.5 with
 * k = (n1/m1)·(n2/m2): swscale maps pixel centres, (i + 0.5)·src/dst − 0.5.
 */

/** Padding around the photo, per side: room for the first crop to move. */
export const PAD = 256;
/**
 * The first resize enlarges by about this much and the second shrinks back. Ratios at 1 would
 * make every offset e·n1/m1 land on a whole pixel; a twentieth off, they fall all across one,
 * and the enlarged picture is smaller than with a tenth (4.6 vs 4.8 ms a 1080p frame).
 */
const DETOUR = 1.05;
/**
 * The frame-sized crop at the end may start anywhere in this many pixels: room for d. More room
 * gives the solver more sizes to choose from, and every resize more pixels to make: with a detour
 * of a tenth, 128 landed within 0.02 px for 5.6 ms a 1080p frame, 64 within 0.05 px for 5.0
 * (32: 0.10 px). 64 with a twentieth lands within 0.04 px.
 */
const ROOM = 64;
/** Good enough: a few thousandths of an output pixel, far below what x264 keeps. */
const CLOSE_ENOUGH = { scale: 0.005, offset: 0.002 };

/** The whole numbers for one frame on one axis. */
export interface AxisStep {
  c: number;
  m1: number;
  e: number;
  m2: number;
  d: number;
}

export interface AxisPlan {
  /** The padded photo's size. */
  padded: number;
  n1: number;
  n2: number;
  steps: AxisStep[];
  /** The largest distance, in output pixels, between where any output pixel samples and where the motion says. */
  worstError: number;
}

/** No motion: the whole frame, still. */
export const STILL: Motion = { fromZoom: 1, toZoom: 1, fromX: 0.5, fromY: 0.5, toX: 0.5, toY: 0.5 };

/** Pure: the Ken Burns window at `progress` (0..1) through a shot, in pixels of a width x height frame. */
export function motionWindow(motion: Motion | undefined, progress: number, width: number, height: number) {
  const m = motion ?? STILL;
  const lerp = (a: number, b: number) => a + (b - a) * progress;
  const zoom = lerp(m.fromZoom, m.toZoom);
  const w = width / zoom;
  const h = height / zoom;
  return { x: lerp(m.fromX, m.toX) * width - w / 2, y: lerp(m.fromY, m.toY) * height - h / 2, w, h };
}

const even = (x: number) => 2 * Math.round(x / 2);

/**
 * Pure: the whole numbers that put a window of `span` photo pixels starting at `start` onto
 * `size` output pixels, on one axis, for every frame.
 */
export function planAxis(size: number, windows: readonly { start: number; span: number }[]): AxisPlan {
  const n2 = even(DETOUR * (size + ROOM));
  const n1 = even((n2 + ROOM) / DETOUR);
  const padded = size + 2 * PAD;
  let worstError = 0;
  const steps = windows.map(({ start, span }) => {
    const step = bestStep(size, padded, n1, n2, start + PAD, span / size);
    worstError = Math.max(worstError, step.error);
    return { c: step.c, m1: step.m1, e: step.e, m2: step.m2, d: step.d };
  });
  return { padded, n1, n2, steps, worstError };
}

/**
 * The frame's whole numbers: sizes m1, m2 whose ratios multiply to k (tried from the usual size
 * outwards), then offsets c, e, d that put the window's centre where it belongs. Everything is
 * even, so the half-size colour planes are cut and resized exactly like the brightness.
 */
function bestStep(size: number, padded: number, n1: number, n2: number, start: number, k: number) {
  let best = { c: 0, m1: 0, e: 0, m2: 0, d: 0, error: Infinity };
  for (let j = 0; j <= ROOM; j += 2) {
    for (const m2 of j === 0 ? [size + ROOM] : [size + ROOM - j, size + ROOM + j]) {
      if (m2 < size + ROOM / 4) continue;
      const m1 = even((n1 * n2) / (m2 * k));
      if (m1 < n2 + ROOM / 2) continue;
      const ratio = (n1 * n2) / (m1 * m2);
      // Output pixel x samples c + e·n1/m1 + (x + d + 0.5)·ratio − 0.5; the motion wants
      // start + (x + 0.5)·k − 0.5. Matching them at the centre halves the cost of a ratio a hair off.
      const scaleError = (Math.abs(ratio / k - 1) * size) / 2;
      if (scaleError >= best.error) continue;
      const target = start + (size / 2 + 0.5) * (k - ratio);
      const offset = bestOffset(target, n1 / m1, ratio, m1 - n2, m2 - size, padded - n1);
      const error = scaleError + offset.error / k;
      if (error < best.error) best = { ...offset, m1, m2, error };
      if (scaleError <= CLOSE_ENOUGH.scale && offset.error <= CLOSE_ENOUGH.offset) return best;
    }
  }
  if (!Number.isFinite(best.error)) throw new Error(`motion: no resize reaches a zoom of ${1 / k}`);
  return best;
}

/** Even offsets with c + e·k1 + d·k = target, within their ranges; off by `error` photo pixels. */
function bestOffset(target: number, k1: number, k: number, eRoom: number, dRoom: number, cRoom: number) {
  let best = { c: 0, e: 0, d: 0, error: Infinity };
  for (let d = 0; d <= dRoom; d += 2) {
    for (let e = 0; e <= eRoom; e += 2) {
      const rest = target - e * k1 - d * k;
      const c = even(rest);
      if (c < 0 || c > cRoom) continue;
      const error = Math.abs(rest - c);
      if (error < best.error) {
        best = { c, e, d, error };
        if (error <= CLOSE_ENOUGH.offset) return best;
      }
    }
  }
  return best;
}

/**
 * Pure: a table of per-frame values as an ffmpeg expression of the frame number `n`: a binary
 * search over the runs of equal values, so a table of F frames costs about log2(F) comparisons.
 */
export function frameTable(values: readonly number[]): string {
  const runs: { from: number; value: number }[] = [];
  values.forEach((value, from) => {
    if (runs.at(-1)?.value !== value) runs.push({ from, value });
  });
  const tree = (lo: number, hi: number): string => {
    if (hi - lo === 1) return String(runs[lo]!.value);
    const mid = (lo + hi) >> 1;
    return `if(lt(n\\,${runs[mid]!.from})\\,${tree(lo, mid)}\\,${tree(mid, hi)})`;
  };
  return tree(0, runs.length);
}

/**
 * How the two resizes sample. `bicublin` is bicubic for the brightness, which keeps a photo as
 * sharp as it was (47.8 dB against the photo itself where the window is the whole frame), and
 * bilinear for the half-size colour planes: a tenth cheaper than bicubic for both, and the same
 * picture to the eye (colour planes 51 dB from bicubic's, brightness identical). `bilinear` for
 * both is cheaper again and a little softer (42.7 dB), which a quick preview can afford.
 */
export type Resampling = 'bicublin' | 'bilinear';

/**
 * Pure: the filters that move a photo (already `width` x `height`) for frames
 * [first, first + count) of a shot of `shotFrames`: `once` runs on the still before it is
 * repeated, `each` on every frame, ending in exactly width x height.
 */
export function scaledMotion(
  motion: Motion,
  shotFrames: number,
  width: number,
  height: number,
  first: number,
  count: number,
  resampling: Resampling = 'bicublin',
): { once: string; each: string } {
  const frames = Array.from({ length: count }, (_, i) =>
    motionWindow(motion, (first + i) / Math.max(1, shotFrames - 1), width, height),
  );
  const x = planAxis(
    width,
    frames.map((f) => ({ start: f.x, span: f.w })),
  );
  const y = planAxis(
    height,
    frames.map((f) => ({ start: f.y, span: f.h })),
  );
  const table = (plan: AxisPlan, pick: (s: AxisStep) => number) => frameTable(plan.steps.map(pick));
  return {
    once: `pad=${x.padded}:${y.padded}:${PAD}:${PAD},fillborders=left=${PAD}:right=${PAD}:top=${PAD}:bottom=${PAD}:mode=smear`,
    each: [
      `crop=${x.n1}:${y.n1}:${table(x, (s) => s.c)}:${table(y, (s) => s.c)}`,
      `scale=${table(x, (s) => s.m1)}:${table(y, (s) => s.m1)}:eval=frame:flags=${resampling}`,
      `crop=${x.n2}:${y.n2}:${table(x, (s) => s.e)}:${table(y, (s) => s.e)}`,
      `scale=${table(x, (s) => s.m2)}:${table(y, (s) => s.m2)}:eval=frame:flags=${resampling}`,
      `crop=${width}:${height}:${table(x, (s) => s.d)}:${table(y, (s) => s.d)}`,
    ].join(','),
  };
}
