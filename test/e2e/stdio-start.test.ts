import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../helpers/http-server.js';
import { CLI, ROOT, startServer, tempDir } from '../helpers/server.js';

/**
 * A host starts the stdio server every time it opens, so a stdio start loads only what a person on
 * their own computer uses: the hosting packages (the web server, Redis and its queue, the S3 SDK)
 * are imported by `--http` and `worker` alone. The modules a start loads are read with a recorder
 * preloaded into node (test/fixtures/module-log).
 */
const RECORDER = path.join(ROOT, 'test', 'fixtures', 'module-log', 'register.mjs');
const HOSTING_PACKAGES = ['bullmq', 'ioredis', 'express', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'];
/** What reads and draws pictures, sniffs files and finds faces: loaded when a letter first needs it. */
const PICTURE_PACKAGES = [
  'sharp',
  '@napi-rs/canvas',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@vladmandic/face-api',
  'file-type',
  'exifr',
  'heic-decode',
];

/** The npm packages among the module URLs a process logged, e.g. "express" or "@aws-sdk/client-s3". */
async function packagesLoaded(logFile: string): Promise<Set<string>> {
  const urls = (await fs.readFile(logFile, 'utf8')).split('\n');
  return new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
}

describe('what a start loads', () => {
  /** The modules a stdio start loaded by the time it answered tools/list. */
  let logFile: string;
  beforeAll(async () => {
    const home = tempDir();
    logFile = path.join(home, 'modules.log');
    const server = await startServer(
      { VIDEO_LETTER_HOME: home, VIDEO_LETTER_MODULE_LOG: logFile },
      { command: process.execPath, args: ['--import', RECORDER, CLI] },
    );
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toContain('generate_letter');
    await server.close();
  });

  it('a stdio start answers tools/list without loading bullmq, ioredis, express, the AWS SDK or any module of hosting/', async () => {
    const loaded = await packagesLoaded(logFile);
    expect(loaded).toContain('@modelcontextprotocol/server');
    expect(HOSTING_PACKAGES.filter((name) => loaded.has(name))).toEqual([]);
    const ours = (await fs.readFile(logFile, 'utf8')).split('\n').filter((url) => url.includes('/dist/'));
    expect(ours.some((url) => url.endsWith('/dist/mcp/server.js'))).toBe(true);
    expect(ours.filter((url) => url.includes('/dist/hosting/'))).toEqual([]);
  });

  it('a stdio start answers tools/list without loading sharp, canvas, the face finder, file sniffing or EXIF', async () => {
    const loaded = await packagesLoaded(logFile);
    expect(PICTURE_PACKAGES.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('an HTTP start does load express, so the recorder sees what a start loads', async () => {
    const home = tempDir();
    const logFile = path.join(home, 'modules.log');
    const server = await startHttpServer(
      { VIDEO_LETTER_HOME: home, VIDEO_LETTER_MODULE_LOG: logFile },
      [],
      ['--import', RECORDER],
    );
    server.child.kill('SIGTERM');
    await server.exited;

    expect(await packagesLoaded(logFile)).toContain('express');
  });
});
