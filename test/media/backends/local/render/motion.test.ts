import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { grayFrames } from '../../../../helpers/frames.js';
import { renderLetter } from '../../../../helpers/render.js';
import { tempDir } from '../../../../helpers/server.js';
import { FPS } from '../../../../../src/backends/local/render/compile/graph.js';

/** A black 1920x1080 photo with one soft bright dot (a Gaussian, sigma 2.5 px) at (x, y). */
async function dotPhoto(file: string, x: number, y: number): Promise<void> {
  const width = 1920;
  const height = 1080;
  const data = Buffer.alloc(width * height);
  for (let j = y - 12; j <= y + 12; j++) {
    for (let i = x - 12; i <= x + 12; i++)
      data[j * width + i] = Math.round(255 * Math.exp(-((i - x) ** 2 + (j - y) ** 2) / (2 * 2.5 ** 2)));
  }
  await sharp(data, { raw: { width, height, channels: 1 } })
    .png()
    .toFile(file);
}

/** Sub-pixel centre of the bright dot: the brightness-weighted mean around the brightest pixel. */
function centroid(frame: Buffer, width: number): [number, number] {
  let peak = 0;
  for (let i = 1; i < frame.length; i++) if ((frame[i] ?? 0) > (frame[peak] ?? 0)) peak = i;
  const [px, py] = [peak % width, Math.floor(peak / width)];
  const floor = 20;
  let [sum, sx, sy] = [0, 0, 0];
  for (let y = py - 9; y <= py + 9; y++) {
    for (let x = px - 9; x <= px + 9; x++) {
      const w = Math.max(0, (frame[y * width + x] ?? 0) - floor);
      sum += w;
      sx += w * x;
      sy += w * y;
    }
  }
  return [sx / sum, sy / sum];
}

/** Least-squares quadratic through (t, v); returns the residuals. */
function quadraticResiduals(t: number[], v: number[]): number[] {
  // Normal equations for v ≈ a + b t + c t², solved by Cramer's rule.
  const s = (k: number) => t.reduce((acc, x) => acc + x ** k, 0);
  const r = (k: number) => t.reduce((acc, x, i) => acc + (v[i] ?? 0) * x ** k, 0);
  const m = [
    [s(0), s(1), s(2)],
    [s(1), s(2), s(3)],
    [s(2), s(3), s(4)],
  ];
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const rhs = [r(0), r(1), r(2)];
  const d = det(m);
  const [a, b, c] = [0, 1, 2].map(
    (col) => det(m.map((row, i) => row.map((x, j) => (j === col ? rhs[i]! : x)))) / d,
  ) as [number, number, number];
  return t.map((x, i) => (v[i] ?? 0) - (a + b * x + c * x * x));
}

describe('Ken Burns motion', () => {
  it('moves a tracked dot along a smooth path, off it by under 0.05 px rms on each axis', async () => {
    const dir = tempDir();
    const photo = path.join(dir, 'dot.png');
    await dotPhoto(photo, 700, 400);
    const letter = await renderLetter([photo], { aspect: '16:9' }, 'final');
    expect(letter.timeline.tracks[0]!.segments[0]!.motion).toMatchObject({ fromZoom: 1, toZoom: 1.12 });

    // The dot travels from (700, 400) towards (561, 347): watch that corner of the frame.
    const crop = { x: 480, y: 280, width: 300, height: 200 };
    const frames = await grayFrames(
      letter.path,
      `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}`,
      crop.width,
      crop.height,
    );
    // Between the fade-in and the fade-out, where only the motion changes the picture.
    const steady = frames.slice(Math.ceil(FPS * 1), Math.floor(FPS * 5));
    const t = steady.map((_, i) => i / steady.length);
    const centres = steady.map((f) => centroid(f, crop.width));
    const travelled = Math.hypot(centres[0]![0] - centres.at(-1)![0], centres[0]![1] - centres.at(-1)![1]);
    expect(travelled).toBeGreaterThan(50);

    const rx = quadraticResiduals(
      t,
      centres.map((c) => c[0]),
    );
    const ry = quadraticResiduals(
      t,
      centres.map((c) => c[1]),
    );
    const rms = (r: number[]) => Math.sqrt(r.reduce((a, x) => a + x ** 2, 0) / r.length);
    // What is left after the smooth path is x264's quantization noise on the tiny dot (about 0.035
    // px at crf 20); the motion itself, encoded losslessly, measures under 0.01 px.
    expect(rms(rx)).toBeLessThan(0.05);
    expect(rms(ry)).toBeLessThan(0.05);
  });
});
