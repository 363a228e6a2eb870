import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../src/core/timeline/model.js';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';

const { home, call } = serverForFile({}, 'vl-curation-');
const SAMPLE_FILES = ['friends.jpg', 'life.jpg', 'mountains.jpg', 'sunset.jpg'];

interface SetAside {
  file_name: string;
  reason: string;
  sentence: string;
}
const photosOf = (t: Timeline) => t.tracks.find((k) => k.role === 'video')!.segments.map((s) => s.label);

async function edit(projectId: string, instruction: string) {
  const r = await call('generate_letter', { project_id: projectId, instruction });
  return { r, out: structured<{ reply: string; timeline: Timeline }>(r) };
}
const setAsideOf = async (projectId: string) =>
  structured<{ set_aside?: SetAside[] }>(await call('get_state', { project_id: projectId })).set_aside ?? [];

describe('a folder with duplicates and blurred copies, through the MCP tools', () => {
  let projectId: string;
  beforeAll(async () => {
    // The four samples, then (after them in name order) an exact copy of one, a smaller re-saved copy of another, a blurred copy of a third.
    const folder = path.join(home, 'holiday');
    await mkdir(folder, { recursive: true });
    for (const file of SAMPLE_FILES) await copyFile(path.join(SAMPLES, file), path.join(folder, file));
    await copyFile(path.join(SAMPLES, 'friends.jpg'), path.join(folder, 'z-copy-of-friends.jpg'));
    const sunset = sharp(path.join(SAMPLES, 'sunset.jpg'));
    const { width } = await sunset.metadata();
    await sunset
      .resize(Math.round(width! / 2))
      .jpeg({ quality: 70 })
      .toFile(path.join(folder, 'z-small-sunset.jpg'));
    await sharp(path.join(SAMPLES, 'mountains.jpg')).blur(6).toFile(path.join(folder, 'z-shaky-mountains.jpg'));
    const upload = await call('upload_media', { path: folder, order: 'name' });
    expect(upload.isError, text(upload)).toBeFalsy();
    projectId = structured<{ project_id: string }>(upload).project_id;
    expect(text(upload)).toMatch(/Set aside, not playing: z-copy-of-friends\.jpg looks the same as friends\.jpg/);
    expect(text(upload)).toContain('z-shaky-mountains.jpg is a blurred take of mountains.jpg');
    expect(text(upload)).toMatch(/z-small-sunset\.jpg looks (almost )?the same as sunset\.jpg \(kept, the better\)/);
  });

  it('the letter plays only the four different photos and its reply lists the three set aside', async () => {
    const r = await call('generate_letter', { project_id: projectId, title: 'Our holiday', message: 'What a week.' });
    expect(r.isError, text(r)).toBeFalsy();
    const out = structured<{ reply: string; timeline: Timeline }>(r);
    expect(photosOf(out.timeline)).toEqual(SAMPLE_FILES);
    for (const name of ['z-copy-of-friends.jpg', 'z-shaky-mountains.jpg', 'z-small-sunset.jpg'])
      expect(out.reply).toContain(name);
  });

  it('get_state lists them in set_aside with their reasons', async () => {
    const state = await call('get_state', { project_id: projectId });
    const setAside = structured<{ set_aside: SetAside[] }>(state).set_aside;
    expect(setAside.map((p) => [p.file_name, p.reason])).toEqual([
      ['z-copy-of-friends.jpg', 'duplicate'],
      ['z-shaky-mountains.jpg', 'blurred'],
      ['z-small-sunset.jpg', expect.stringMatching(/^(near-)?duplicate$/)],
    ]);
    expect(text(state)).toContain('Set aside, not playing: z-copy-of-friends.jpg looks the same as friends.jpg');
  });

  it('"bring back z-shaky-mountains.jpg" plays it again, in folder order, and it leaves set_aside', async () => {
    const { r, out } = await edit(projectId, 'bring back z-shaky-mountains.jpg');
    expect(r.isError, text(r)).toBeFalsy();
    expect(photosOf(out.timeline)).toEqual([...SAMPLE_FILES, 'z-shaky-mountains.jpg']);
    expect(out.reply).toContain('z-shaky-mountains.jpg is back in the letter, at position 5');
    expect((await setAsideOf(projectId)).map((p) => p.file_name)).toEqual([
      'z-copy-of-friends.jpg',
      'z-small-sunset.jpg',
    ]);
  });

  it('"所有照片都用上" plays every photo, and the export holds all seven', async () => {
    const { r, out } = await edit(projectId, '所有照片都用上');
    expect(r.isError, text(r)).toBeFalsy();
    expect(photosOf(out.timeline)).toHaveLength(7);
    expect(await setAsideOf(projectId)).toEqual([]);
    const done = structured<{ path: string; duration_seconds: number }>(
      await call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    expect((await probeVideo(done.path)).duration).toBeCloseTo(out.timeline.duration, 0);
  });
});

describe('"make it about a minute" with a folder of 24 photos', () => {
  let projectId: string;
  let order: string[];
  beforeAll(async () => {
    // 24 different pictures: each sample whole, mirrored, upside down, and its left, middle and right thirds.
    const folder = path.join(home, 'big-folder');
    await mkdir(folder, { recursive: true });
    order = [];
    for (const file of SAMPLE_FILES) {
      const source = path.join(SAMPLES, file);
      const { width, height } = await sharp(source).metadata();
      const third = Math.floor(width! / 3);
      const variants: [string, Sharp][] = [
        ['whole', sharp(source)],
        ['mirrored', sharp(source).flop()],
        ['upside-down', sharp(source).flip()],
        ...[0, 1, 2].map((k): [string, Sharp] => [
          `third-${k + 1}`,
          sharp(source).extract({ left: k * third, top: 0, width: third, height: height! }),
        ]),
      ];
      for (const [name, picture] of variants) {
        const fileName = `${String(order.length + 1).padStart(2, '0')}-${file.replace('.jpg', '')}-${name}.jpg`;
        await picture.resize(960, 960, { fit: 'inside' }).jpeg({ quality: 85 }).toFile(path.join(folder, fileName));
        order.push(fileName);
      }
    }
    const upload = await call('upload_media', { path: folder, order: 'name' });
    projectId = structured<{ project_id: string }>(upload).project_id;
    const r = await call('generate_letter', {
      project_id: projectId,
      title: 'Dear Grandma',
      message: 'We went everywhere this summer. We thought of you every day.',
      closing: 'Love, Anna',
    });
    expect(r.isError, text(r)).toBeFalsy();
  });

  it('picks the best photos, in their order, and the exported letter is about a minute long', async () => {
    const before = photosOf(
      structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId })).timeline,
    );
    expect(before.length).toBeGreaterThan(20);
    const { r, out } = await edit(projectId, 'make it about a minute');
    expect(r.isError, text(r)).toBeFalsy();
    expect(out.reply).toMatch(/Letter fitted to about 60 s .*the best \d+ of \d+ photos play, in their order/);
    const kept = photosOf(out.timeline);
    expect(kept.length).toBeLessThan(before.length);
    expect(kept).toEqual(before.filter((name) => kept.includes(name)));
    const state = await setAsideOf(projectId);
    expect(state.filter((p) => p.reason === 'length')).toHaveLength(before.length - kept.length);
    const done = structured<{ path: string }>(
      await call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    const { duration } = await probeVideo(done.path);
    expect(duration).toBeGreaterThan(55);
    expect(duration).toBeLessThan(65);
  });

  it('"一分钟左右" is understood the same way', async () => {
    const { r, out } = await edit(projectId, '一分钟左右');
    expect(r.isError, text(r)).toBeFalsy();
    expect(out.timeline.duration).toBeGreaterThan(55);
    expect(out.timeline.duration).toBeLessThan(65);
  });

  it('"keep it under 10 seconds" says the message alone is longer and changes nothing', async () => {
    const before = structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId })).timeline;
    const r = await call('generate_letter', { project_id: projectId, instruction: 'keep it under 10 seconds' });
    expect(text(r)).toMatch(/The message alone needs about \d+ s to be read in full/);
    const after = structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId })).timeline;
    expect(after).toEqual(before);
  });
});
