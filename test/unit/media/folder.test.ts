import { describe, expect, it } from 'vitest';
import { orderFiles, type FolderFile } from '../../../src/mcp/folder.js';

const file = (name: string, picture: boolean, takenAt?: string): FolderFile => ({
  path: `/f/${name}`,
  name,
  picture,
  ...(takenAt && { takenAt: new Date(takenAt) }),
});
const names = (files: FolderFile[]) => files.map((f) => f.name);

describe('orderFiles', () => {
  const dated = [
    file('IMG 10.jpg', true, '2020-01-03'),
    file('img 2.jpg', true, '2020-01-01'),
    file('IMG 1.jpg', true, '2020-01-02'),
    file('voice.m4a', false),
  ];

  it('goes by date taken when every photo has one, the files that are not pictures after them', () => {
    expect(orderFiles(dated, 'auto')).toEqual({ order: 'date', files: expect.any(Array) });
    expect(names(orderFiles(dated, 'auto').files)).toEqual(['img 2.jpg', 'IMG 1.jpg', 'IMG 10.jpg', 'voice.m4a']);
  });

  it('goes by natural name order when a photo or a clip has no date, or when asked', () => {
    const withClip = [...dated, file('IMG 3.mov', true)];
    expect(orderFiles(withClip, 'auto').order).toBe('name');
    expect(names(orderFiles(withClip, 'auto').files)).toEqual([
      'IMG 1.jpg',
      'img 2.jpg',
      'IMG 3.mov',
      'IMG 10.jpg',
      'voice.m4a',
    ]);
    expect(names(orderFiles(dated, 'name').files)).toEqual(['IMG 1.jpg', 'img 2.jpg', 'IMG 10.jpg', 'voice.m4a']);
  });

  it('puts undated files after the dated ones, by name, when date order is asked for', () => {
    expect(
      names(orderFiles([file('b.jpg', true), file('a.jpg', true), file('c.jpg', true, '2021-05-05')], 'date').files),
    ).toEqual(['c.jpg', 'a.jpg', 'b.jpg']);
  });
});
