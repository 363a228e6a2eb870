import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sidewaysPhoneClip } from '../helpers/make-media.js';
import { ROOT, SAMPLES, serverForFile, structured, tempDir } from '../helpers/server.js';

const { call } = serverForFile();
let projectId: string;

describe('photos, clips and captions over MCP', () => {
  it('accepts an iPhone HEIC photo as a photo with its size', async () => {
    const r = await call('upload_media', { path: path.join(ROOT, 'test', 'fixtures', 'quadrants.heic') });
    expect(r.isError).toBeFalsy();
    projectId = structured<{ project_id: string }>(r).project_id;
    expect(structured(r)).toMatchObject({ media: { kind: 'photo', format: 'heic', width: 320, height: 240 } });
  });

  it('reports a rotation-tagged phone clip upright and counts it as a clip in the letter', async () => {
    const r = await call('upload_media', { project_id: projectId, path: await sidewaysPhoneClip(tempDir()) });
    expect(structured(r)).toMatchObject({ media: { kind: 'video', width: 180, height: 320 } });
    await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'sunset.jpg') });
    const g = await call('generate_letter', {
      project_id: projectId,
      title: 'Dear Mom',
      message: 'We miss you.',
      closing: 'Love, Anna',
    });
    expect(structured<{ summary: string }>(g).summary).toMatch(/Video: 2 photos \+ 1 clip/);
  });

  it('writes the on-screen text as an .srt beside the exported MP4 and returns its path', async () => {
    let out = structured<{ status: string; path?: string; captions_path?: string }>(
      await call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    while (out.status !== 'done') {
      expect(out.status).toMatch(/queued|rendering/);
      out = structured(await call('export_video', { project_id: projectId, quality: 'preview' }));
    }
    expect(out.captions_path).toBe(out.path!.replace(/\.mp4$/, '.srt'));
    const srt = readFileSync(out.captions_path!, 'utf8');
    expect(srt).toMatch(
      /^1\n00:00:00,000 --> 00:00:03,500\nDear Mom\n\n2\n[\d:,]+ --> [\d:,]+\nWe miss you\.\n\n3\n[\d:,]+ --> [\d:,]+\nLove, Anna\n$/,
    );
  });
});
