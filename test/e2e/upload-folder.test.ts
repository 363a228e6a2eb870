import { Client } from '@modelcontextprotocol/client';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SAMPLES, serverPerTest, structured, tempDir, text } from '../helpers/server.js';

interface Folder {
  project_id: string;
  order: 'name' | 'date';
  added: { file_name: string; kind: string }[];
  skipped: { file_name: string; code: string; reason: string }[];
  error?: { code: string; message: string };
}

const { start, call } = serverPerTest();

/** A small JPEG as a camera writes it, with the date it was taken in EXIF (DateTimeOriginal) when given. */
async function photo(file: string, takenAt?: string): Promise<void> {
  const image = sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a6' } }).jpeg();
  await (takenAt ? image.withExif({ IFD2: { DateTimeOriginal: takenAt } }) : image).toFile(file);
}

/** A real, valid 20000x20000 PNG (400 megapixels) that is only a few kilobytes: one bit a pixel, all black. */
async function hugePng(file: string): Promise<void> {
  const size = 20000;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1 bit, greyscale
  const rows = Buffer.alloc((1 + size / 8) * size);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await fs.writeFile(
    file,
    Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]),
  );
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

describe('upload_media with a folder', () => {
  it('adds the photos in the order they were taken when every photo has a date', async () => {
    const dir = tempDir('vl-folder-');
    await photo(path.join(dir, 'photo 1.jpg'), '2020:06:01 09:00:00');
    await photo(path.join(dir, 'photo 2.jpg'), '2021:06:01 09:00:00');
    await photo(path.join(dir, 'photo 10.jpg'), '2019:06:01 09:00:00');
    await start({ VIDEO_LETTER_HOME: tempDir() });
    const result = await call('upload_media', { path: dir });
    const folder = structured<Folder>(result);
    expect(folder.order).toBe('date');
    expect(folder.added.map((m) => m.file_name)).toEqual(['photo 10.jpg', 'photo 1.jpg', 'photo 2.jpg']);
    expect(text(result)).toMatch(/Added 3 of 3 files .* in the order the photos were taken/);
  });

  it('adds them in natural name order when asked, or when a photo has no date', async () => {
    const dir = tempDir('vl-folder-');
    await photo(path.join(dir, 'photo 1.jpg'), '2020:06:01 09:00:00');
    await photo(path.join(dir, 'photo 10.jpg'), '2019:06:01 09:00:00');
    await photo(path.join(dir, 'photo 2.jpg'));
    await start({ VIDEO_LETTER_HOME: tempDir() });
    const auto = structured<Folder>(await call('upload_media', { path: dir }));
    expect(auto.order).toBe('name');
    expect(auto.added.map((m) => m.file_name)).toEqual(['photo 1.jpg', 'photo 2.jpg', 'photo 10.jpg']);
    const byDate = structured<Folder>(await call('upload_media', { path: dir, order: 'date' }));
    expect(byDate.added.map((m) => m.file_name)).toEqual(['photo 10.jpg', 'photo 1.jpg', 'photo 2.jpg']);
  });

  it('skips a renamed text file, an empty file, huge images and a subfolder, one line each, and keeps what was stored', async () => {
    const dir = tempDir('vl-folder-');
    await photo(path.join(dir, 'garden.jpg'));
    await fs.writeFile(path.join(dir, 'notes.jpg'), 'Remember to buy flowers for Grandma.\n');
    await fs.writeFile(path.join(dir, 'empty.jpg'), '');
    await hugePng(path.join(dir, 'poster.png'));
    await fs.copyFile(path.join(SAMPLES, 'sunset.jpg'), path.join(dir, 'scan.jpg'));
    await fs.truncate(path.join(dir, 'scan.jpg'), 201 * 1024 * 1024); // a 201 MB file, sparse on disk
    await fs.mkdir(path.join(dir, 'old'));
    await fs.writeFile(path.join(dir, '.DS_Store'), 'Bud1');
    await fs.copyFile(path.join(SAMPLES, 'message.txt'), path.join(dir, 'letter.txt'));
    await start({ VIDEO_LETTER_HOME: tempDir() });
    const projectId = structured<{ project_id: string }>(
      await call('upload_media', { path: path.join(SAMPLES, 'life.jpg') }),
    ).project_id;

    const result = await call('upload_media', { path: dir, project_id: projectId });
    expect(result.isError).toBeFalsy();
    const folder = structured<Folder>(result);
    expect(folder.added.map((m) => [m.file_name, m.kind])).toEqual([
      ['garden.jpg', 'photo'],
      ['letter.txt', 'message'],
    ]);
    const why = Object.fromEntries(folder.skipped.map((s) => [s.file_name, s]));
    expect(Object.keys(why).sort()).toEqual(['empty.jpg', 'notes.jpg', 'old', 'poster.png', 'scan.jpg']);
    expect(why['notes.jpg']).toMatchObject({
      code: 'unsupported_file',
      reason: expect.stringMatching(/plain text, not a photo/),
    });
    expect(why['empty.jpg']).toMatchObject({ code: 'empty_file', reason: expect.stringMatching(/empty \(0 bytes\)/) });
    expect(why['poster.png']).toMatchObject({
      code: 'file_too_large',
      reason: expect.stringMatching(/20000x20000 pixels \(400 megapixels\)/),
    });
    expect(why['scan.jpg']).toMatchObject({
      code: 'file_too_large',
      reason: expect.stringMatching(/201 MB, over the 200 MB limit/),
    });
    expect(why.old!.reason).toMatch(/is a folder/);
    const lines = text(result).split('\n');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('Accepted:'))).toHaveLength(1);

    const state = structured<{ media: { file_name: string }[] }>(await call('get_state', { project_id: projectId }));
    expect(state.media.map((m) => m.file_name)).toEqual(['life.jpg', 'garden.jpg', 'letter.txt']);
  });

  it('is an error that lists every file when nothing in the folder can be used, and creates no letter', async () => {
    const dir = tempDir('vl-folder-');
    await fs.writeFile(path.join(dir, 'notes.jpg'), 'not a photo');
    await fs.writeFile(path.join(dir, 'empty.mp4'), '');
    const home = tempDir();
    await start({ VIDEO_LETTER_HOME: home });
    const result = await call('upload_media', { path: dir });
    expect(result.isError).toBe(true);
    expect(structured<Folder>(result).error?.code).toBe('nothing_added');
    expect(text(result)).toMatch(
      /^Nothing in ".*" could be added:\n- "empty.mp4" is empty \(0 bytes\)\.\n- "notes.jpg" could not be used/,
    );
    await expect(fs.readdir(path.join(home, 'projects')).catch(() => [])).resolves.toEqual([]);
  });
});

describe("upload_media and the client's roots", () => {
  /** A client that shares the given folders as its roots, and can change them. */
  async function clientWithRoots(folders: string[]) {
    const shared = [...folders];
    const client = new Client(
      { name: 'roots-client', version: '1.0.0' },
      { capabilities: { roots: { listChanged: true } } },
    );
    client.setRequestHandler('roots/list', () => ({
      roots: shared.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
    }));
    await start({ VIDEO_LETTER_HOME: tempDir() }, undefined, client);
    return {
      share: async (folder: string) => {
        shared.push(folder);
        await client.sendRootsListChanged();
      },
    };
  }

  it('adds a folder inside the roots and refuses a path outside them with a sentence naming the roots', async () => {
    const inside = tempDir('vl-root-');
    const outside = tempDir('vl-elsewhere-');
    await photo(path.join(inside, 'a.jpg'));
    await photo(path.join(outside, 'b.jpg'));
    await clientWithRoots([inside]);

    const ok = structured<Folder>(await call('upload_media', { path: inside }));
    expect(ok.added.map((m) => m.file_name)).toEqual(['a.jpg']);

    for (const refused of [
      await call('upload_media', { path: path.join(outside, 'b.jpg'), project_id: ok.project_id }),
      await call('upload_media', { path: outside, project_id: ok.project_id }),
      await call('video_letter', {
        request: 'add this',
        project_id: ok.project_id,
        attachments: [{ path: path.join(outside, 'b.jpg') }],
      }),
    ]) {
      expect(refused.isError).toBe(true);
      expect(text(refused)).toContain(
        `is outside the folders this client shares with video-letter-mcp (its roots: ${await fs.realpath(inside)})`,
      );
    }
    const state = structured<{ media: { file_name: string }[] }>(
      await call('get_state', { project_id: ok.project_id }),
    );
    expect(state.media.map((m) => m.file_name)).toEqual(['a.jpg']);
  });

  it('refuses a link inside a root that leads out of it', async () => {
    const inside = tempDir('vl-root-');
    const outside = tempDir('vl-elsewhere-');
    await photo(path.join(outside, 'b.jpg'));
    await fs.symlink(path.join(outside, 'b.jpg'), path.join(inside, 'link.jpg'));
    await clientWithRoots([inside]);
    const refused = await call('upload_media', { path: path.join(inside, 'link.jpg') });
    expect(refused.isError).toBe(true);
    expect(structured<Folder>(refused).error?.code).toBe('outside_roots');
  });

  it('skips a link in a shared folder that leads out of it, and never reads the file it leads to', async () => {
    const inside = tempDir('vl-root-');
    const outside = tempDir('vl-elsewhere-');
    await photo(path.join(inside, 'a.jpg'));
    await fs.writeFile(path.join(outside, 'secret.txt'), 'The vault code is 4711.');
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(inside, 'notes.txt'));
    await clientWithRoots([inside]);
    const result = await call('upload_media', { path: inside });
    const folder = structured<Folder>(result);
    expect(folder.added.map((m) => m.file_name)).toEqual(['a.jpg']);
    expect(folder.skipped).toEqual([
      expect.objectContaining({ file_name: 'notes.txt', reason: expect.stringContaining('link to a file outside') }),
    ]);
    const state = structured<{ timeline: unknown; media: unknown[] }>(
      await call('get_state', { project_id: folder.project_id }),
    );
    expect(JSON.stringify(state)).not.toContain('4711');
    expect(text(result)).not.toContain('4711');
  });

  it('refuses /etc outside the roots without listing it: no name of a file in it comes back', async () => {
    await clientWithRoots([tempDir('vl-root-')]);
    const refused = await call('upload_media', { path: '/etc' });
    expect(refused.isError).toBe(true);
    expect(structured<Folder>(refused).error?.code).toBe('outside_roots');
    for (const name of await fs.readdir('/etc')) expect(text(refused)).not.toContain(`"${name}"`);
    expect(text(refused)).not.toMatch(/passwd|hostname|Skipped|Added/);
  });

  it('adds a file named "..x.jpg" in a root: it is inside the root, whatever its name starts with', async () => {
    const inside = tempDir('vl-root-');
    await photo(path.join(inside, '..x.jpg'));
    await clientWithRoots([inside]);
    const stored = await call('upload_media', { path: path.join(inside, '..x.jpg') });
    expect(stored.isError, text(stored)).toBeFalsy();
    expect(structured<{ media: { file_name: string } }>(stored).media.file_name).toBe('..x.jpg');
  });

  it('reads the roots again after the client says they changed', async () => {
    const first = tempDir('vl-root-');
    const later = tempDir('vl-root-');
    await photo(path.join(later, 'c.jpg'));
    const { share } = await clientWithRoots([first]);
    expect((await call('upload_media', { path: later })).isError).toBe(true);
    await share(later);
    const added = structured<Folder>(await call('upload_media', { path: later }));
    expect(added.added.map((m) => m.file_name)).toEqual(['c.jpg']);
  });
});
