import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PhotoBox } from '../../../../src/core/media/record.js';
import { findFaces } from '../../../../src/backends/local/pictures/faces.js';
import { CALL, localBackendIn } from '../../../helpers/local-backend.js';

const FACES = fileURLToPath(new URL('../../../fixtures/faces/', import.meta.url));
/** The storyboard's 9:16 tile and the gap before it (storyboard.ts). */
const TILE = { left: 12, top: 12, width: 216, height: 384 };

/** The faces the face finder sees in the sheet's first tile, in 0..1 of the tile. */
async function facesInFirstTile(sheet: Buffer): Promise<PhotoBox[]> {
  const { data, info } = await sharp(sheet)
    .extract(TILE)
    .resize({ height: 512 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return findFaces({ data, width: info.width, height: info.height, channels: 3 });
}

describe('the storyboard shows the framing', () => {
  it('a landscape photo in a 9:16 letter shows its person large in the tile, and the left of it once the focus moves there', async () => {
    const { backend } = await localBackendIn('vl-board-');
    try {
      const { projectId } = await backend.upload({ path: path.join(FACES, 'landscape-right.jpg') }, CALL);
      await backend.generate(projectId, { aspect: '9:16' }, CALL);
      const framed = await facesInFirstTile((await backend.storyboard(projectId)).image);
      expect(framed).toHaveLength(1);
      expect(framed[0]!.height).toBeGreaterThan(0.18);

      await backend.generate(projectId, { edits: [{ op: 'focus', moment: { position: 1 }, on: 'left' }] }, CALL);
      // The face was at the right: the left of the picture has none.
      expect(await facesInFirstTile((await backend.storyboard(projectId)).image)).toEqual([]);
    } finally {
      await backend.close();
    }
  }, 120_000);
});
