import type { PhotoBox } from '../../../core/media/record.js';

/** A face the detector reported at one input size, with its score, in 0..1 of the picture. */
export interface SizedBox extends PhotoBox {
  inputSize: number;
  score: number;
}

/** Two boxes overlapping more than this (intersection over union) are one face seen twice. */
const SAME_FACE = 0.3;

/**
 * Pure: each face seen at two input sizes or more, once, in its best-scored box. A texture the
 * detector mistakes for a face (coins, a page of text) is rarely mistaken at two sizes; a real
 * face it missed at one size usually shows at the next.
 */
export function agreedFaces(found: SizedBox[]): SizedBox[] {
  const faces: [SizedBox, ...SizedBox[]][] = [];
  for (const box of [...found].sort((a, b) => b.score - a.score)) {
    const same = faces.find(([best]) => overlap(best, box) > SAME_FACE);
    if (same) same.push(box);
    else faces.push([box]);
  }
  return faces.filter((seen) => new Set(seen.map((b) => b.inputSize)).size >= 2).map(([best]) => best);
}

export const boxOnly = ({ x, y, width, height }: PhotoBox): PhotoBox => ({ x, y, width, height });

/** Intersection over union of two boxes. */
function overlap(a: PhotoBox, b: PhotoBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const both = w * h;
  return both / (a.width * a.height + b.width * b.height - both);
}
