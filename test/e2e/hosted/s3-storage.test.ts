import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool } from '../../../src/client/calls.js';
import { makeAudio } from '../../helpers/audio.js';
import { addPerson, connectHttp, startHttpServer, type HttpServerProcess } from '../../helpers/http-server.js';
import { probeVideo } from '../../helpers/media.js';
import { emptyRedis, startWorker, testRedisUrl, type RunningWorker } from '../../helpers/redis.js';
import { S3_CREDENTIALS, startS3Server, type RunningS3 } from '../../helpers/s3-server.js';
import { SAMPLES, startServer, structured, tempDir, text, type RunningServer } from '../../helpers/server.js';

interface Exported {
  status: string;
  path: string;
  width: number;
  height: number;
  duration_seconds: number;
  download_url: string;
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
    expect(path.dirname(done.path)).toBe(path.join(serverHome, 'people', 'anna', 'exports'));
    const planned = (await state(client, projectId)).timeline.duration;
    const probed = await probeVideo(done.path);
    expect(probed).toMatchObject({ width: 960, height: 540, videoCodec: 'h264', audioCodec: 'aac' });
    expect(probed.duration).toBeGreaterThanOrEqual(4);
    expect(Math.abs(probed.duration - planned)).toBeLessThan(0.1);
    const download = await fetch(done.download_url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(readFileSync(done.path))).toBe(true);
    // The worker rendered from its own copy of the letter, and kept no copy of the video.
    const workerProject = path.join(workerHome, 'people', 'anna', 'projects', projectId);
    expect(readdirSync(path.join(workerProject, 'media'))).toHaveLength(3);
    const workerExports = path.join(workerHome, 'people', 'anna', 'exports');
    expect(existsSync(workerExports) ? readdirSync(workerExports) : []).toEqual([]);
  });

  it('says the bucket cannot be reached when the letter is exported, and keeps the letter', async () => {
    const server = await stdioServer(machine(tempDir('vl-s3-server-'), 'http://127.0.0.1:9'));
    const projectId = await letter(server.client, ['life.jpg']);

    const result = await callTool(server.client, 'export_video', { project_id: projectId, quality: 'preview' });

    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(
      /Could not look for the file life\.jpg in the S3 bucket "letters" at http:\/\/127\.0\.0\.1:9: it could not be reached \(ECONNREFUSED\)\. Check VIDEO_LETTER_S3_ENDPOINT/,
    );
    const after = await state(server.client, projectId);
    expect(after.renders).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.stringContaining('could not be reached') }),
    ]);
    expect(after.media).toHaveLength(1);
  });

  it('says a worker’s credentials were refused, and renders the letter once a worker with good ones asks again', async () => {
    const server = await stdioServer(machine(tempDir('vl-s3-server-')));
    // s3rver checks the key id, not the signature: a key it does not know is what it refuses.
    const refusedWorker = await worker(
      machine(tempDir('vl-s3-worker-'), s3.endpoint, { ...S3_CREDENTIALS, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' }),
    );
    const projectId = await letter(server.client, ['mountains.jpg']);

    const refused = await callTool(server.client, 'export_video', { project_id: projectId, quality: 'preview' });

    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(
      /Could not fetch the letter from the S3 bucket "letters" at http:\/\/127\.0\.0\.1:\d+: it refused the credentials \(InvalidAccessKeyId\)\. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
    expect(text(refused)).not.toContain(S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    await refusedWorker.stop();
    await worker(machine(tempDir('vl-s3-worker-')));
    const again = structured<Exported>(
      await callTool(server.client, 'export_video', { project_id: projectId, quality: 'preview' }),
    );
    expect(again.status).toBe('done');
    expect(await probeVideo(again.path)).toMatchObject({ width: 960, height: 540, videoCodec: 'h264' });
  });
});
