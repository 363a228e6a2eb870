import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverForFile, structured, text } from '../helpers/server.js';

const faces = fileURLToPath(new URL('../fixtures/faces/', import.meta.url));
const { call } = serverForFile({}, 'vl-pictures-');

interface Media {
  file_name: string;
  picture?: { faces: { x: number; y: number; width: number; height: number }[]; saliency: { x: number; y: number } };
}

describe('what intake sees in a photo, through the MCP tools', () => {
  it('get_state shows the face found at the right of a landscape photo, in words and as a box', async () => {
    const upload = await call('upload_media', { path: path.join(faces, 'landscape-right.jpg') });
    expect(upload.isError, text(upload)).toBeFalsy();
    const projectId = structured<{ project_id: string }>(upload).project_id;
    const state = await call('get_state', { project_id: projectId });
    expect(text(state)).toContain('Photo landscape-right.jpg: 1 face (right)');
    const [photo] = structured<{ media: Media[] }>(state).media;
    expect(photo!.picture!.faces).toHaveLength(1);
    const face = photo!.picture!.faces[0]!;
    expect(face.x + face.width / 2).toBeGreaterThan(0.8);
  });
});

describe('duplicates and blurred shots, through the MCP tools', () => {
  it('get_state lists a re-saved copy and a blurred copy of a photo as set aside, with the reason', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vl-curate-'));
    const original = path.join(faces, 'landscape-left.jpg');
    await sharp(original).jpeg({ quality: 50 }).toFile(path.join(dir, 'again.jpg'));
    await sharp(original).blur(6).toFile(path.join(dir, 'shaky.jpg'));
    const first = await call('upload_media', { path: original });
    const projectId = structured<{ project_id: string }>(first).project_id;
    for (const file of ['again.jpg', 'shaky.jpg'])
      await call('upload_media', { project_id: projectId, path: path.join(dir, file) });
    await call('upload_media', { project_id: projectId, path: path.join(faces, 'portrait-right.jpg') });
    const state = await call('get_state', { project_id: projectId });
    const setAside = structured<{ set_aside: { file_name: string; reason: string }[] }>(state).set_aside;
    // The re-saved copy is as sharp and as large, but a quarter the bytes: the original is kept.
    expect(setAside.map((p) => p.file_name)).toEqual(['again.jpg', 'shaky.jpg']);
    expect(setAside[1]!.reason).toBe('blurred');
    expect(text(state)).toMatch(/again\.jpg looks (almost )?the same as landscape-left\.jpg \(kept, the better\)/);
    expect(text(state)).toContain('shaky.jpg is a blurred take of landscape-left.jpg');
  });
});
