import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  forgedDurationWav,
  forgedSizeGif,
  forgedSizeJpeg,
  forgedSizePng,
  longRecording,
  tallClip,
  truncatedClip,
} from '../helpers/hostile-media.js';
import { SAMPLES, serverForFile, structured, tempDir, text } from '../helpers/server.js';

/**
 * Files whose headers lie, and words longer than a letter takes, sent over stdio: each is refused
 * with a sentence naming the file and what is accepted, or bounded to what it really holds, and the
 * letter already there is left exactly as it was.
 */
const { call } = serverForFile();
const files = tempDir('vl-hostile-');
let projectId: string;
let before: unknown;

const PICTURE_RULES =
  /Accepted: photos up to 16,383 pixels a side and 268 megapixels, clips up to 8,192 pixels a side \(8K\), at least 16 pixels a side, and no more than 10 times wider than tall or taller than wide\./;

beforeAll(async () => {
  const first = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
  projectId = structured<{ project_id: string }>(first).project_id;
  await call('generate_letter', { project_id: projectId, message: 'Happy birthday!', title: 'For you' });
  before = structured(await call('get_state', { project_id: projectId }));
});

async function refused(file: string) {
  const r = await call('upload_media', { project_id: projectId, path: file });
  expect(r.isError, text(r)).toBe(true);
  return text(r);
}

describe('photos and clips whose headers lie are refused at upload, naming the file and what is accepted', () => {
  it('refuses a JPEG whose header says 16000x16000 over a few KB', async () => {
    const said = await refused(await forgedSizeJpeg(files));
    expect(said).toMatch(/"forged-huge\.jpg" says it is a JPG photo of 16000x16000 pixels, but it holds only \d+ KB/);
    expect(said).toMatch(PICTURE_RULES);
  });

  it('refuses a PNG whose header (with a valid checksum) says 16000x16000', async () => {
    const said = await refused(await forgedSizePng(files));
    expect(said).toMatch(/"forged-huge\.png" says it is a PNG photo of 16000x16000 pixels/);
    expect(said).toMatch(PICTURE_RULES);
  });

  it('takes a GIF whose screen says 16000x16000 as the small picture it holds', async () => {
    const r = await call('upload_media', { path: await forgedSizeGif(files) });
    expect(r.isError, text(r)).toBeFalsy();
    expect(structured(r)).toMatchObject({ media: { width: 64, height: 64 } });
  });

  it('refuses a clip 1 pixel wide and 20,000 tall', async () => {
    const said = await refused(await tallClip(files));
    expect(said).toMatch(/"tall\.mkv" is a clip of 1x20000 pixels, longer than the 8,192 pixels a side\./);
    expect(said).toMatch(PICTURE_RULES);
  });

  it('refuses a clip much taller than wide, though each side is allowed', async () => {
    const said = await refused(await tallClip(files, 'strip.mkv', 16, 4000));
    expect(said).toMatch(/"strip\.mkv" is a clip of 16x4000 pixels, more than 10 times longer one way than the other/);
  });

  it('refuses a clip cut off after its first few KB', async () => {
    const said = await refused(await truncatedClip(files));
    expect(said).toMatch(/"cut-off\.mp4" looks like MP4 but/);
  });
});

describe('recordings are as long as what they hold, and no longer than a letter takes', () => {
  it('measures a WAV whose header claims three hours as the one second it holds', async () => {
    const r = await call('upload_media', { path: await forgedDurationWav(files) });
    expect(r.isError, text(r)).toBeFalsy();
    const media = structured<{ media: { duration_seconds: number } }>(r).media;
    expect(media.duration_seconds).toBeGreaterThan(0.9);
    expect(media.duration_seconds).toBeLessThan(1.2);
  });

  it('refuses a real 16-minute recording, naming the 15-minute limit', async () => {
    const said = await refused(await longRecording(files));
    expect(said).toBe(
      '"long-voice.mp3" is longer than the 15 minutes a recording or clip may be, since a letter is at most 20 minutes. Trim it to the part you want, then upload it again.',
    );
  });

  it('refuses an empty recording and a text file called .mp3', async () => {
    const empty = path.join(files, 'empty.mp3');
    await fs.writeFile(empty, '');
    expect(await refused(empty)).toMatch(/"empty\.mp3" is empty \(0 bytes\)/);
    const renamed = path.join(files, 'notes.mp3');
    await fs.writeFile(renamed, 'shopping list: eggs, milk\n');
    expect(await refused(renamed)).toMatch(/"notes\.mp3" could not be used: its content is plain text/);
  });
});

describe('words longer than a letter takes are refused with the limit', () => {
  it('refuses a .txt message of over a megabyte', async () => {
    const big = path.join(files, 'novel.txt');
    await fs.writeFile(big, 'All work and no play. '.repeat(60_000));
    expect(await refused(big)).toMatch(
      /"novel\.txt" is over 1 MB of text; a letter's message can be at most 10,000 characters/,
    );
  });

  it('refuses a title longer than its card holds', async () => {
    const r = await call('generate_letter', { project_id: projectId, title: 'Dear '.repeat(60) });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("The title is 299 characters; a letter's title can be at most 150 characters.");
  });

  it('refuses a message that would make a letter longer than 20 minutes', async () => {
    const r = await call('generate_letter', { project_id: projectId, message: 'Hi.\n'.repeat(2400) });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/This letter would be \d+ minutes long, and a letter can be at most 20 minutes\./);
  });
});

describe('file names a file system cannot hold', () => {
  const photo = async () => (await fs.readFile(path.join(SAMPLES, 'friends.jpg'))).toString('base64');

  it('refuses a 300-character file name with a sentence, not an internal error', async () => {
    const r = await call('upload_media', {
      project_id: projectId,
      content_base64: await photo(),
      file_name: `${'a'.repeat(296)}.jpg`,
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(
      'The file name is 300 characters long; a file name can be at most 200. Give it a shorter name such as "beach.jpg".',
    );
  });

  it('refuses a file name with a NUL byte in it', async () => {
    const r = await call('upload_media', {
      project_id: projectId,
      content_base64: await photo(),
      file_name: 'beach\u0000.jpg',
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/The file name has control characters in it \(such as a NUL byte\)/);
    expect(text(r)).not.toMatch(/\/tmp\//);
  });
});

it('leaves the letter already there exactly as it was', async () => {
  expect(structured(await call('get_state', { project_id: projectId }))).toEqual(before);
});
