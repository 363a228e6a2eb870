import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool } from '../../../src/dev/client/calls.js';
import { makeAudio } from '../../helpers/audio.js';
import { addPerson, connectHttp, startHttpServer, type HttpServerProcess } from '../../helpers/http-server.js';
import { probeVideo } from '../../helpers/media.js';
import { emptyRedis, startWorker, testRedisUrl, type RunningWorker } from '../../helpers/redis.js';
import { S3_CREDENTIALS, startS3Server, type RunningS3 } from '../../helpers/s3-server.js';
import { CLI, SAMPLES, startServer, structured, tempDir, text, type RunningServer } from '../../helpers/server.js';

interface Exported {
  status: string;
  path: string;
  width: number;
  height: number;
  duration_seconds: number;
  download_url: string;
  captions_path: string;
}
interface State {
  timeline: { duration: number };
  media: unknown[];
  renders: { status: string; error?: string }[];
}

const BUCKET = 'letters';
const redisUrl = testRedisUrl();
let s3: RunningS3;
let stops: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  s3 = await startS3Server(BUCKET);
});
afterAll(() => s3?.close());
beforeEach(() => emptyRedis(redisUrl));
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** A server or worker of one installation: its own data folder, sharing only Redis and the bucket. */
const machine = (home: string, endpoint = s3.endpoint, credentials = S3_CREDENTIALS) => ({
  VIDEO_LETTER_HOME: home,
  VIDEO_LETTER_REDIS_URL: redisUrl,
  VIDEO_LETTER_RENDER_CONCURRENCY: '1',
  VIDEO_LETTER_S3_BUCKET: BUCKET,
  VIDEO_LETTER_S3_ENDPOINT: endpoint,
  ...credentials,
});

async function worker(env: Record<string, string>): Promise<RunningWorker> {
  const running = await startWorker(env);
  stops.push(() => running.stop());
  return running;
}

async function stdioServer(env: Record<string, string>): Promise<RunningServer> {
  const running = await startServer(env);
  stops.push(() => running.close());
  return running;
}

const upload = (client: Client, file: string, args: Record<string, unknown> = {}) =>
  callTool(client, 'upload_media', {
    content_base64: readFileSync(file).toString('base64'),
    file_name: path.basename(file),
    ...args,
  });

/** A letter of photos (and a voice recording when given) with a message, as a person would make it. */
async function letter(client: Client, photos: string[], voice?: string): Promise<string> {
  const first = await upload(client, path.join(SAMPLES, photos[0]!));
  const projectId = structured<{ project_id: string }>(first).project_id;
  for (const photo of photos.slice(1)) await upload(client, path.join(SAMPLES, photo), { project_id: projectId });
  if (voice) await upload(client, voice, { project_id: projectId, role: 'voice' });
  await callTool(client, 'generate_letter', { project_id: projectId, message: 'Thinking of you every day.' });
  return projectId;
}

/** Runs the built CLI with these arguments and settings, for a start that fails: its exit code and what it said. */
const cliFails = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (_e, _out, err) => resolve({ code: child.exitCode, stderr: err }),
    );
  });

const state = async (client: Client, projectId: string) =>
  structured<State>(await callTool(client, 'get_state', { project_id: projectId }));

describe('letters rendered by workers that share only Redis and an S3 bucket with the server', () => {
  it('delivers a letter of photos and a voice recording, rendered on a worker with a data folder of its own', async () => {
    const serverHome = tempDir('vl-s3-server-');
    const workerHome = tempDir('vl-s3-worker-');
    const token = addPerson(serverHome, 'anna');
    const server: HttpServerProcess = await startHttpServer(machine(serverHome));
    stops.push(() => server.child.kill());
    const client = await connectHttp(server.url, token);
    stops.push(() => client.close());
    await worker(machine(workerHome));
    const voice = path.join(tempDir(), 'voice-memo.wav');
    await makeAudio(voice, "aevalsrc=exprs='0.2*sin(2*PI*220*t)':s=48000", 4);
    const projectId = await letter(client, ['friends.jpg', 'sunset.jpg'], voice);

    const result = await callTool(client, 'export_video', { project_id: projectId, quality: 'preview' });
    expect(result.isError).toBeFalsy();
    const done = structured<Exported>(result);

    expect(done).toMatchObject({ status: 'done', width: 960, height: 540 });
    // Over HTTP the result names the file, never a path on the server; it is in Anna's exports.
    expect(path.basename(done.path)).toBe(done.path);
    const video = path.join(serverHome, 'people', 'anna', 'exports', done.path);
    const planned = (await state(client, projectId)).timeline.duration;
    const probed = await probeVideo(video);
    expect(probed).toMatchObject({ width: 960, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(probed.duration).toBeGreaterThanOrEqual(4);
    expect(Math.abs(probed.duration - planned)).toBeLessThan(0.1);
    const captions = path.join(path.dirname(video), done.captions_path);
    expect(readFileSync(captions, 'utf8')).toContain('Thinking of you every day.');
    const download = await fetch(done.download_url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(readFileSync(video))).toBe(true);
    // The worker rendered from its own copy of the letter, and kept no copy of the video.
    const workerProject = path.join(workerHome, 'people', 'anna', 'projects', projectId);
    expect(readdirSync(path.join(workerProject, 'media'))).toHaveLength(3);
    const workerExports = path.join(workerHome, 'people', 'anna', 'exports');
    expect(existsSync(workerExports) ? readdirSync(workerExports) : []).toEqual([]);
  });

  it('says the bucket cannot be reached when it goes away, keeps the letter, and renders it once the bucket is back', async () => {
    const own = await startS3Server(BUCKET);
    const server = await stdioServer(machine(tempDir('vl-s3-server-'), own.endpoint));
    await worker(machine(tempDir('vl-s3-worker-'), own.endpoint));
    const projectId = await letter(server.client, ['life.jpg']);
    await own.close();

    const failed = await callTool(server.client, 'export_video', { project_id: projectId, quality: 'preview' });

    expect(failed.isError).toBe(true);
    expect(text(failed)).toMatch(
      /^Could not look for the file life\.jpg in the S3 bucket "letters" at http:\/\/127\.0\.0\.1:\d+: it could not be reached \(ECONNREFUSED\)\. Check VIDEO_LETTER_S3_ENDPOINT and that the storage service is running\. Then call export_video again\.$/,
    );
    const after = await state(server.client, projectId);
    expect(after.renders).toEqual([expect.objectContaining({ status: 'failed', error: text(failed) })]);
    expect(after.media).toHaveLength(1);

    const back = await startS3Server(BUCKET, own.port);
    stops.push(() => back.close());
    const again = structured<Exported>(
      await callTool(server.client, 'export_video', { project_id: projectId, quality: 'preview' }),
    );
    expect(again.status).toBe('done');
    expect(await probeVideo(again.path)).toMatchObject({ width: 960, height: 540, videoCodec: 'h264' });
  });

  it('refuses to start a worker whose key the bucket refuses, saying what to set', async () => {
    const refused = await cliFails(
      ['worker'],
      machine(tempDir('vl-s3-worker-'), s3.endpoint, { ...S3_CREDENTIALS, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' }),
    );

    expect(refused.code).toBe(1);
    // A HEAD request's answer has no body, so the refusal is named by its status.
    expect(refused.stderr).toContain(
      `video-letter-mcp could not start: Could not reach the S3 bucket "letters" at ${s3.endpoint}: it refused the credentials (HTTP 403). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key that may read and write this bucket.\n`,
    );
    expect(refused.stderr).not.toContain(S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
  });

  it('refuses to start a server whose bucket does not exist, saying what to set', async () => {
    const missing = await cliFails([], {
      ...machine(tempDir('vl-s3-server-')),
      VIDEO_LETTER_S3_BUCKET: 'no-such-bucket',
    });

    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `video-letter-mcp could not start: Could not reach the S3 bucket "no-such-bucket" at ${s3.endpoint}: there is no such bucket. Create it, or correct VIDEO_LETTER_S3_BUCKET (and VIDEO_LETTER_S3_ENDPOINT).\n`,
    );
  });
});
