import { describe, expect, it } from 'vitest';
import { bestPhotos, setAsidePhotos, type CuratedPhoto } from '../../../../../src/backends/local/plan/curate.js';

/** A photo with a hash and a sharpness; `faces` says whether a face was found in it. */
const photo = (id: string, hash: string, sharpness: number, faces = 0): CuratedPhoto => ({
  id,
  fileName: `${id}.jpg`,
  picture: {
    hash,
    sharpness,
    saliency: { x: 0.5, y: 0.5 },
    faces: Array.from({ length: faces }, () => ({ x: 0.4, y: 0.3, width: 0.2, height: 0.2 })),
  },
});
const ids = (photos: { id: string }[]) => photos.map((p) => p.id);

describe('setting aside duplicates and blurred shots', () => {
  it('sets aside an exact duplicate, keeping the first in its place', () => {
    const r = setAsidePhotos([
      photo('beach', 'f0f0f0f0f0f0f0f0', 500),
      photo('dog', '0123456789abcdef', 500),
      photo('beach-copy', 'f0f0f0f0f0f0f0f0', 500),
    ]);
    expect(ids(r.kept)).toEqual(['beach', 'dog']);
    expect(r.setAside).toEqual([expect.objectContaining({ id: 'beach-copy', reason: 'duplicate', keptId: 'beach' })]);
    expect(r.setAside[0]!.sentence).toBe('beach-copy.jpg looks the same as beach.jpg (kept, the better)');
  });

  it('keeps the sharper of two near-duplicates, in the place of the first', () => {
    // 3 bits apart: the same shot taken a moment later.
    const r = setAsidePhotos([
      photo('take-1', 'f0f0f0f0f0f0f0f0', 300),
      photo('dog', '0123456789abcdef', 500),
      photo('take-2', 'f0f0f0f0f0f0f0f7', 600),
    ]);
    expect(ids(r.kept)).toEqual(['take-2', 'dog']);
    expect(r.setAside).toEqual([expect.objectContaining({ id: 'take-1', reason: 'near-duplicate', keptId: 'take-2' })]);
  });

  it('calls a shaken take of a kept shot blurred, naming the kept one', () => {
    const r = setAsidePhotos([photo('sharp', 'f0f0f0f0f0f0f0f0', 700), photo('shaken', 'f0f0f0f0f0f0f0f1', 50)]);
    expect(ids(r.kept)).toEqual(['sharp']);
    expect(r.setAside).toEqual([
      expect.objectContaining({
        id: 'shaken',
        reason: 'blurred',
        sentence: 'shaken.jpg is a blurred take of sharp.jpg',
      }),
    ]);
  });

  it('keeps the full-size original over a recompressed copy that reads a little sharper', () => {
    const original = { ...photo('original', 'f0f0f0f0f0f0f0f0', 700), width: 4000, height: 3000, sizeBytes: 3e6 };
    const shared = { ...photo('shared', 'f0f0f0f0f0f0f0f0', 800), width: 1600, height: 1200, sizeBytes: 2e5 };
    expect(ids(setAsidePhotos([shared, original]).kept)).toEqual(['original']);
  });

  it('keeps two photos of one scene whose hashes are close when the person stands elsewhere in each', () => {
    const at = (id: string, x: number): CuratedPhoto => {
      const p = photo(id, 'f0f0f0f0f0f0f0f0', 500, 1);
      return { ...p, picture: { ...p.picture!, faces: [{ x, y: 0.3, width: 0.1, height: 0.15 }] } };
    };
    const r = setAsidePhotos([at('by-the-door', 0.05), at('by-the-window', 0.8)]);
    expect(ids(r.kept)).toEqual(['by-the-door', 'by-the-window']);
    expect(r.setAside).toEqual([]);
  });

  it('keeps plain pictures of different colours, whose grey hashes are the same', () => {
    const plain = (id: string, colour: [number, number, number]): CuratedPhoto => {
      const p = photo(id, '0000000000000000', 2);
      return { ...p, picture: { ...p.picture!, colour } };
    };
    const r = setAsidePhotos([
      plain('red', [220, 30, 30]),
      plain('green', [30, 200, 40]),
      plain('red-again', [215, 35, 30]),
    ]);
    expect(ids(r.kept)).toEqual(['red', 'green']);
    expect(r.setAside).toEqual([expect.objectContaining({ id: 'red-again', reason: 'duplicate' })]);
  });

  it('keeps a plain picture among photos: it has nothing to be sharp about, so it is not blurred', () => {
    const card = photo('card', '0000000000000000', 0.5);
    const r = setAsidePhotos([
      photo('a', '0123456789abcdef', 400),
      { ...card, picture: { ...card.picture!, contrast: 2 } },
      photo('b', 'fedcba9876543210', 450),
    ]);
    expect(ids(r.kept)).toEqual(['a', 'card', 'b']);
  });

  it('keeps photos of the same scene that differ more than a few bits', () => {
    const r = setAsidePhotos([photo('left', 'f0f0f0f0f0f0f0f0', 500), photo('right', 'f0f0f0f0f0f00f0f', 500)]);
    expect(ids(r.kept)).toEqual(['left', 'right']);
  });

  it('sets aside a blurred shot, judged against the rest of the folder', () => {
    const r = setAsidePhotos([
      photo('a', '0000000000000000', 700),
      photo('shaky', 'ffffffffffffffff', 40),
      photo('b', '0f0f0f0f0f0f0f0f', 650),
    ]);
    expect(ids(r.kept)).toEqual(['a', 'b']);
    expect(r.setAside).toEqual([
      expect.objectContaining({ id: 'shaky', reason: 'blurred', sentence: 'shaky.jpg is blurred' }),
    ]);
  });

  it('keeps a folder of equally soft photos whole', () => {
    const soft = [
      photo('a', '0000000000000000', 40),
      photo('b', 'ffffffffffffffff', 35),
      photo('c', '0f0f0f0f0f0f0f0f', 45),
    ];
    expect(setAsidePhotos(soft).setAside).toEqual([]);
  });

  it('never sets aside a photo intake has not read', () => {
    const unread: CuratedPhoto = { id: 'old', fileName: 'old.jpg' };
    const r = setAsidePhotos([photo('a', '0000000000000000', 700), unread, photo('b', '0f0f0f0f0f0f0f0f', 650)]);
    expect(ids(r.kept)).toEqual(['a', 'old', 'b']);
  });
});

describe('picking the best photos for a length', () => {
  const folder = [
    photo('p1', '1', 100),
    photo('p2', '2', 900),
    photo('p3', '3', 200, 1),
    photo('p4', '4', 800),
    photo('p5', '5', 300),
    photo('p6', '6', 250),
  ];

  it('keeps their order and takes one from each part of the folder', () => {
    expect(ids(bestPhotos(folder, 3))).toEqual(['p2', 'p3', 'p5']);
  });

  it('prefers a photo with a face over a sharper one without', () => {
    expect(ids(bestPhotos(folder.slice(2, 4), 1))).toEqual(['p3']);
  });

  it('keeps every photo when asked for as many or more', () => {
    expect(ids(bestPhotos(folder, 10))).toEqual(ids(folder));
  });
});
