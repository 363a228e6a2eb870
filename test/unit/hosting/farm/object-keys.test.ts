import { describe, expect, it } from 'vitest';
import type { RenderOrder } from '../../../../src/hosting/farm/order.js';
import { exportKey, mediaKey, snapshotKey } from '../../../../src/hosting/farm/storage/keys.js';

const anna: RenderOrder = {
  home: 'people/anna',
  outputDir: 'people/anna/exports',
  projectId: 'p_abcdefghij',
  key: 'k1',
  quality: 'preview',
};
const alone: RenderOrder = { ...anna, home: '.', outputDir: 'exports' };

describe('where a letter and its export live in the bucket', () => {
  it("keeps a person's letter under their folder and project", () => {
    expect(mediaKey(anna, 'm_123.jpg')).toBe('letters/people/anna/p_abcdefghij/media/m_123.jpg');
    expect(snapshotKey(anna)).toBe('letters/people/anna/p_abcdefghij/project-k1.json');
  });

  it('keeps the letter of a server with one person directly under letters/', () => {
    expect(mediaKey(alone, 'm_123.jpg')).toBe('letters/p_abcdefghij/media/m_123.jpg');
  });

  it('names the project.json of each render key apart, so an edit after an export changes nothing a worker reads', () => {
    expect(snapshotKey({ ...anna, key: 'k2' })).not.toBe(snapshotKey(anna));
  });

  it("keeps two people's letters apart even under the same project id", () => {
    expect(mediaKey({ ...anna, home: 'people/ben' }, 'm_1.jpg')).not.toBe(mediaKey(anna, 'm_1.jpg'));
  });

  it('files an export by the job that rendered it and its file name, wherever the worker wrote it', () => {
    expect(exportKey('r_0123456789ab', '/scratch/people/anna/exports/our-summer-preview.mp4')).toBe(
      'exports/r_0123456789ab/our-summer-preview.mp4',
    );
  });
});
