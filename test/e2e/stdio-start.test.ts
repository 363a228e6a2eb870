import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FFMPEG, FFPROBE } from '../helpers/binaries.js';
import { startHttpServer } from '../helpers/http-server.js';
import { until } from '../helpers/processes.js';
import { CLI, ROOT, SAMPLES, startServer, tempDir, text, type RunningServer } from '../helpers/server.js';

/**
 * A host starts the stdio server every time it opens and waits for tools/list before it shows the
 * tools, so a stdio start loads only what that answer needs: the hosting packages (the web server,
 * Redis and its queue, the S3 SDK) are imported by `--http` and `worker` alone, and the local engine
 * (finding ffmpeg, clearing the home) opens once the tools are listed or a tool needs it. The
 * modules a start loads are read with a recorder preloaded into node (test/fixtures/module-log),
 * which also marks each message the server writes.
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

/** The npm packages among module URLs, e.g. "express" or "@aws-sdk/client-s3". */
const packagesIn = (urls: string[]) =>
  new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));

/** Our own modules among module URLs, as paths under dist/, e.g. "mcp/server.js". */
const oursIn = (urls: string[]) => urls.flatMap((url) => /\/dist\/(.+)$/.exec(url)?.[1] ?? []);

/** The recorder's lines: module URLs, and "> " and the start of each message the server wrote. */
const logLines = async (logFile: string) => (await fs.readFile(logFile, 'utf8')).split('\n');

/** The modules loaded before the server wrote its answer to tools/list. */
function beforeToolList(lines: string[]): string[] {
  const answer = lines.findIndex((line) => line.startsWith('> ') && line.includes('"tools":['));
  expect(answer).toBeGreaterThan(0);
  return lines.slice(0, answer);
}

/** A stdio server started with the recorder, logging into its home. */
async function recordedStart(env: Record<string, string> = {}) {
  const home = tempDir();
  const logFile = path.join(home, 'modules.log');
  const server = await startServer(
    { VIDEO_LETTER_HOME: home, VIDEO_LETTER_MODULE_LOG: logFile, ...env },
    { command: process.execPath, args: ['--import', RECORDER, CLI] },
  );
  return { server, logFile };
}

describe('what a start loads', () => {
  /** What a stdio start logged: through tools/list, and whatever it opened before it was closed. */
  let lines: string[];
  beforeAll(async () => {
    const { server, logFile } = await recordedStart();
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toContain('generate_letter');
    await server.close();
    lines = await logLines(logFile);
  });

  it('a stdio start answers tools/list without loading bullmq, ioredis, express, the AWS SDK or any module of hosting/', () => {
    const loaded = packagesIn(lines);
    expect(loaded).toContain('@modelcontextprotocol/server');
    expect(HOSTING_PACKAGES.filter((name) => loaded.has(name))).toEqual([]);
    const ours = oursIn(lines);
    expect(ours).toContain('mcp/server.js');
    expect(ours.filter((file) => file.startsWith('hosting/'))).toEqual([]);
  });

  it('a stdio start answers tools/list without loading sharp, canvas, the face finder, file sniffing or EXIF', () => {
    const loaded = packagesIn(lines);
    expect(PICTURE_PACKAGES.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('a stdio start answers tools/list before loading the local engine (only the limits the tools state)', () => {
    const ours = oursIn(beforeToolList(lines));
    expect(ours).toContain('mcp/server.js');
    expect(ours.filter((file) => file.startsWith('backends/local/'))).toEqual(['backends/local/limits.js']);
    expect(ours).not.toContain('backends/index.js');
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

    expect(packagesIn(await logLines(logFile))).toContain('express');
  });
});

describe('the engine a stdio start puts off', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('opens by itself once the tools are listed: ffmpeg is found and the first upload is stored', async () => {
    const started = await recordedStart({ VIDEO_LETTER_LOG_LEVEL: 'info' });
    server = started.server;
    await server.client.listTools();
    await until(() => server!.stderr().includes('ffmpeg ready'), 60_000, 'the engine to find ffmpeg');
    const lines = await logLines(started.logFile);
    const after = oursIn(lines.slice(beforeToolList(lines).length));
    expect(after).toContain('backends/local/local.js');
    const uploaded = await server.call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
    expect(uploaded.isError).toBeFalsy();
  });

  it('says on the first call that needs it that no ffmpeg could be run, and works once there is one', async () => {
    const bin = tempDir('vl-ffmpeg-later-');
    const ffmpeg = path.join(bin, 'ffmpeg');
    const ffprobe = path.join(bin, 'ffprobe');
    server = await startServer({ VIDEO_LETTER_HOME: tempDir(), FFMPEG_PATH: ffmpeg, FFPROBE_PATH: ffprobe });
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toContain('upload_media');

    const missing = await server.call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain(`No usable ffmpeg was found. ${ffmpeg} (or ${ffprobe}) could not be run`);

    // The person installs ffmpeg where they said it would be, and asks again without restarting.
    await fs.symlink(FFMPEG, ffmpeg);
    await fs.symlink(FFPROBE, ffprobe);
    const stored = await server.call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
    expect(stored.isError).toBeFalsy();
  });
});
