import type { StoredMedia } from '../../src/backends/local/project.js';

/** A 4000x3000 photo as the project records it, for planning tests that never read the file. */
export const storedPhoto = (id: string, over: Partial<StoredMedia> = {}): StoredMedia => ({
  id,
  kind: 'photo',
  fileName: `${id}.jpg`,
  format: 'jpg',
  sizeBytes: 1,
  width: 4000,
  height: 3000,
  storedAs: `${id}.jpg`,
  uploadedAt: '',
  ...over,
});
