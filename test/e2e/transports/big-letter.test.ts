import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../../../src/dev/client/calls.js';
import { connectCapped, ONE_MIB } from '../../helpers/capped-http.js';
import { startHttpServer, type HttpServerProcess } from '../../helpers/http-server.js';
import { serverForFile, structured, tempDir, text } from '../../helpers/server.js';
import { readVideoParts } from '../../helpers/video-parts.js';

/**
 * A finished 1080p letter of twelve photos, read whole through the TypeScript SDK's stdio client
 * and over HTTP by a client that refuses any message over 1 MiB (as the Python SDK does): its
 * video in parts, its state, storyboard and captions, and get_state with the storyboard. Before,
 * the video was one base64 blob (15 MB, over stdio's 10 MB) and the storyboard a 1-2 MB PNG.
 */
const { home, server, call } = serverForFile({}, 'vl-big-');
let http: HttpServerProcess;
let capped: { client: Client; largest: () => number };
let projectId: string;
let exported: { job_id: string; path: string; width: number; height: number };

const PHOTOS = 12;
const STORYBOARD_MAX_BYTES = 500 * 1024;

/** A photo with grain (which compresses as poorly as real photos), each in a colour of its own. */
async function grainyPhoto(file: string, i: number): Promise<void> {
  const background = { r: (i * 67) % 256, g: (90 + i * 41) % 256, b: (200 + i * 23) % 256 };
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 30 };
  const grain = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise } })
    .png()
    .toBuffer();
  await sharp({ create: { width: 1600, height: 1200, channels: 3, background } })
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .toFile(file);
}

beforeAll(async () => {
  const dir = tempDir('vl-big-photos-');
  for (let i = 0; i < PHOTOS; i++) {
    const file = path.join(dir, `photo ${String(i + 1).padStart(2, '0')}.jpg`);
    await grainyPhoto(file, i);
    const stored = await call('upload_media', { path: file, ...(projectId && { project_id: projectId }) });
    expect(stored.isError, text(stored)).toBeFalsy();
    projectId ??= structured<{ project_id: string }>(stored).project_id;
  }
  const letter = await call('generate_letter', {
    project_id: projectId,
    title: 'Twelve summers',
    message: 'Every one of these was a good day with you.',
    closing: 'Love, Anna',
  });
  expect(letter.isError, text(letter)).toBeFalsy();
  const done = await call('export_video', { project_id: projectId, quality: 'final' });
  expect(done.isError, text(done)).toBeFalsy();
  exported = structured(done);
  // The same letters over HTTP: one person on this machine, no tokens, the same home.
  http = await startHttpServer({ VIDEO_LETTER_HOME: home });
  capped = await connectCapped(http.url);
}, 900_000);
afterAll(async () => {
  await capped?.client.close();
  http?.child.kill();
});

/** The storyboard of get_state: its image's bytes and what its tiles show. */
async function storyboardOf(result: Awaited<ReturnType<typeof callTool>>) {
  const image = result.content.find((c) => c.type === 'image') as { data: string; mimeType: string };
  const bytes = Buffer.from(image.data, 'base64');
  return {
    bytes,
    mimeType: image.mimeType,
    tiles: structured<{ storyboard: { tiles: string[] } }>(result).storyboard.tiles,
  };
}

describe('a finished 1080p letter of twelve photos through the stdio client', () => {
  it('is a 1080p MP4 larger than one part', async () => {
    expect(exported).toMatchObject({ width: 1920, height: 1080 });
    expect((await fs.stat(exported.path)).size).toBeGreaterThan(512 * 1024);
  });

  it('reads the video in parts of at most 1 MiB each that join into exactly its bytes', async () => {
    const { bytes, partBase64 } = await readVideoParts(
      server().client,
      `letter://${projectId}/video/${exported.job_id}`,
    );
    expect(bytes.equals(await fs.readFile(exported.path))).toBe(true);
    expect(partBase64.length).toBeGreaterThan(1);
    for (const size of partBase64) expect(size).toBeLessThan(ONE_MIB);
  });

  it('gets a storyboard of all twelve photos from get_state as a JPEG under 500 KB', async () => {
    const board = await storyboardOf(await call('get_state', { project_id: projectId, storyboard: true }));
    expect(board.mimeType).toBe('image/jpeg');
    expect((await sharp(board.bytes).metadata()).format).toBe('jpeg');
    expect(board.bytes.length).toBeLessThanOrEqual(STORYBOARD_MAX_BYTES);
    expect(board.tiles.filter((t) => /photo \d\d\.jpg/.test(t))).toHaveLength(PHOTOS);
  });
});

describe('the same letter over HTTP by a client that refuses any message over 1 MiB', () => {
  it('reads every resource of the letter it lists, the video in parts', async () => {
    const { resources } = await capped.client.listResources();
    const mine = resources.filter((r) => r.uri.startsWith(`letter://${projectId}/`));
    expect(mine.map((r) => r.uri).sort()).toEqual(
      [
        `letter://${projectId}/captions/${exported.job_id}`,
        `letter://${projectId}/state`,
        `letter://${projectId}/storyboard.jpg`,
        `letter://${projectId}/video/${exported.job_id}`,
      ].sort(),
    );
    for (const r of mine.filter((r) => !r.uri.includes('/video/'))) {
      const { contents } = await capped.client.readResource({ uri: r.uri });
      expect(contents[0]?.uri).toBe(r.uri);
    }
    const { bytes } = await readVideoParts(capped.client, `letter://${projectId}/video/${exported.job_id}`);
    expect(bytes.equals(await fs.readFile(exported.path))).toBe(true);
    expect(capped.largest()).toBeLessThanOrEqual(ONE_MIB);
  });

  it('gets get_state with the twelve-photo storyboard in one message under 1 MiB', async () => {
    const board = await storyboardOf(
      await callTool(capped.client, 'get_state', { project_id: projectId, storyboard: true }),
    );
    expect(board.bytes.length).toBeLessThanOrEqual(STORYBOARD_MAX_BYTES);
    expect(board.tiles.filter((t) => /photo \d\d\.jpg/.test(t))).toHaveLength(PHOTOS);
    expect(capped.largest()).toBeLessThanOrEqual(ONE_MIB);
  });
});
