import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProjectStore } from '../../../src/backends/local/store.js';
import type { RenderOrder } from '../../../src/hosting/farm/order.js';
import { Bucket } from '../../../src/hosting/farm/storage/bucket.js';
import { renderFromBucket, sendLetter } from '../../../src/hosting/farm/storage/letter-package.js';
import { CALL, localBackendIn } from '../../helpers/local-backend.js';
import { S3_CREDENTIALS, startS3Server, type RunningS3 } from '../../helpers/s3-server.js';
import { SAMPLES, tempDir } from '../../helpers/server.js';

/** A letter travelling from a server's folder through the bucket into a worker's, without the processes around them. */
let s3: RunningS3;
let bucket: Bucket;
let home: string;
let order: RenderOrder;

beforeAll(async () => {
  for (const [name, value] of Object.entries(S3_CREDENTIALS)) vi.stubEnv(name, value);
  s3 = await startS3Server('letters');
  bucket = new Bucket({ name: 'letters', endpoint: s3.endpoint, region: 'us-east-1' });
  const server = await localBackendIn('vl-s3-letter-');
  home = server.home;
  const first = await server.backend.upload({ path: path.join(SAMPLES, 'friends.jpg') }, CALL);
  await server.backend.upload({ projectId: first.projectId, path: path.join(SAMPLES, 'sunset.jpg') }, CALL);
  order = { home: '.', outputDir: 'out', projectId: first.projectId, key: 'k1', quality: 'preview' };
});
afterAll(async () => {
  bucket?.close();
  await s3?.close();
  vi.unstubAllEnvs();
});

const setMessage = (message: string) =>
  new ProjectStore(home).update(order.projectId, async (record) => ({
    record: { ...record, letter: { ...record.letter, message } },
    result: undefined,
  }));

describe('a letter in the bucket', () => {
  it('puts each photo in the bucket once, however often the letter is exported', async () => {
    const before = s3.writes().length;
    await sendLetter(bucket, home, order);
    await sendLetter(bucket, home, { ...order, key: 'k2', quality: 'final' });

    const media = s3
      .writes()
      .slice(before)
      .filter((key) => key.includes('/media/'));
    expect(media).toHaveLength(2);
    expect(new Set(media).size).toBe(2);
    expect(
      s3
        .writes()
        .slice(before)
        .filter((key) => key.endsWith('.json')),
    ).toEqual([`letters/${order.projectId}/project-k1.json`, `letters/${order.projectId}/project-k2.json`]);
  });

  it('hands a worker the letter as it was when exported, not as edited since, with its photos', async () => {
    await setMessage('As it was when exported.');
    await sendLetter(bucket, home, { ...order, key: 'k3' });
    await setMessage('Edited afterwards.');
    const workerRoot = tempDir('vl-s3-worker-');
    const workerStore = new ProjectStore(workerRoot);

    const seen = await renderFromBucket(bucket, workerRoot, { ...order, key: 'k3' }, () =>
      workerStore.load(order.projectId),
    );

    expect(seen.letter.message).toBe('As it was when exported.');
    for (const m of seen.media)
      expect(readFileSync(path.join(workerStore.mediaDir(order.projectId), m.storedAs))).toEqual(
        readFileSync(path.join(new ProjectStore(home).mediaDir(order.projectId), m.storedAs)),
      );
  });
});
