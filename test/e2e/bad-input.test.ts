import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES, serverForFile, structured, tempDir, text } from '../helpers/server.js';

const { home, call } = serverForFile();
const files = tempDir('vl-bad-');
let projectId: string;
let before: unknown;

const ACCEPTED =
  /Accepted: photos \(jpg, png, gif, webp, heic, heif\), video clips \(mp4, mov, avi, webm, mkv\), audio \(mp3, wav, m4a, aac\)/;

beforeAll(async () => {
  const first = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
  projectId = structured<{ project_id: string }>(first).project_id;
  await call('generate_letter', { project_id: projectId, message: 'Happy birthday!', title: 'For you' });
  before = structured(await call('get_state', { project_id: projectId }));
});

describe('bad uploads are refused clearly and change nothing', () => {
  it('refuses a text file renamed .jpg, naming what it really is and the accepted formats', async () => {
    const fake = path.join(files, 'holiday.jpg');
    await fs.writeFile(fake, 'this is not a photo at all\n');
    const r = await call('upload_media', { project_id: projectId, path: fake });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/"holiday\.jpg" could not be used: its content is plain text/);
    expect(text(r)).toMatch(ACCEPTED);
  });

  it('refuses a 0-byte file', async () => {
    const empty = path.join(files, 'empty.png');
    await fs.writeFile(empty, '');
    const r = await call('upload_media', { project_id: projectId, path: empty });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/"empty\.png" is empty \(0 bytes\)/);
    expect(text(r)).toMatch(ACCEPTED);
  });

  it('refuses a path where there is no file', async () => {
    const r = await call('upload_media', { project_id: projectId, path: path.join(files, 'nowhere.jpg') });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/No file was found at ".*nowhere\.jpg"/);
    expect(text(r)).toMatch(ACCEPTED);
  });

  it('refuses a truncated photo that cannot be decoded', async () => {
    const broken = path.join(files, 'broken.jpg');
    const bytes = await fs.readFile(path.join(SAMPLES, 'sunset.jpg'));
    await fs.writeFile(broken, bytes.subarray(0, 200));
    const r = await call('upload_media', { project_id: projectId, path: broken });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/"broken\.jpg" looks like JPG but it could not be decoded/);
  });

  it('refuses a music mood that does not exist, listing the moods there are', async () => {
    const r = await call('generate_letter', { project_id: projectId, music: { mood: 'jazz' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('"jazz" is not a music mood; choose warm, gentle, uplifting or celebration');
  });

  it('refuses jazz asked for in plain language the same way', async () => {
    const r = await call('generate_letter', { project_id: projectId, instruction: 'play some jazz music' });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain(
      'There is no jazz music to choose: the built-in music comes in warm, gentle, uplifting or celebration.',
    );
  });

  it('keeps the earlier media and timeline exactly as they were', async () => {
    expect(structured(await call('get_state', { project_id: projectId }))).toEqual(before);
  });

  it('does not create a project when the first upload is refused', async () => {
    const r = await call('upload_media', { path: path.join(files, 'nowhere.jpg') });
    expect(r.isError).toBe(true);
    const projects = await fs.readdir(path.join(home, 'projects'));
    expect(projects).toEqual([projectId]);
  });

  it('answers an unknown project with a sentence saying how to start one', async () => {
    const r = await call('get_state', { project_id: 'p_doesnotexi' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/There is no project "p_doesnotexi"\. Call upload_media without a project_id/);
  });
});
