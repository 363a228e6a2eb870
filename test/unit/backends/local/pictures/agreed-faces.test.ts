import { describe, expect, it } from 'vitest';
import { agreedFaces, type SizedBox } from '../../../../../src/backends/local/pictures/agreed-faces.js';

const seen = (inputSize: number, score: number, x: number, y = 0.3, side = 0.2): SizedBox => ({
  inputSize,
  score,
  x,
  y,
  width: side,
  height: side,
});

describe('faces the detector agrees on across input sizes', () => {
  it('keeps a face seen at two sizes once, in its best-scored box', () => {
    expect(agreedFaces([seen(320, 0.7, 0.1), seen(608, 0.9, 0.12)])).toEqual([seen(608, 0.9, 0.12)]);
  });

  it('drops what only one size took for a face (a coin, a page of text)', () => {
    expect(agreedFaces([seen(608, 0.73, 0.2), seen(416, 0.6, 0.7)])).toEqual([]);
  });

  it('keeps two people side by side, each seen at two sizes', () => {
    const faces = agreedFaces([seen(320, 0.8, 0.1), seen(416, 0.7, 0.11), seen(320, 0.6, 0.6), seen(608, 0.9, 0.62)]);
    expect(faces.map((f) => f.x).sort()).toEqual([0.1, 0.62]);
  });
});
