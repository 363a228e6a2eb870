import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';

const redis = { VIDEO_LETTER_REDIS_URL: 'redis://127.0.0.1:6379' };

describe('S3 storage settings', () => {
  it('are off unless a bucket is named', () => {
    expect(loadConfig(redis).sharedQueue?.bucket).toBeUndefined();
  });

  it('name the bucket, with Amazon S3 in us-east-1 unless told otherwise', () => {
    expect(loadConfig({ ...redis, VIDEO_LETTER_S3_BUCKET: 'letters' }).sharedQueue?.bucket).toEqual({
      name: 'letters',
      endpoint: undefined,
      region: 'us-east-1',
    });
  });

  it('take an S3-compatible endpoint and region', () => {
    const config = loadConfig({
      ...redis,
      VIDEO_LETTER_S3_BUCKET: 'letters',
      VIDEO_LETTER_S3_ENDPOINT: 'http://minio.local:9000',
      VIDEO_LETTER_S3_REGION: 'eu-central-1',
    });
    expect(config.sharedQueue?.bucket).toEqual({
      name: 'letters',
      endpoint: 'http://minio.local:9000',
      region: 'eu-central-1',
    });
  });

  it('refuse a bucket without Redis, saying what to set', () => {
    expect(() => loadConfig({ VIDEO_LETTER_S3_BUCKET: 'letters' })).toThrow(
      /VIDEO_LETTER_S3_BUCKET is set without VIDEO_LETTER_REDIS_URL.*Set VIDEO_LETTER_REDIS_URL too/,
    );
  });

  it('refuse an endpoint without a bucket', () => {
    expect(() => loadConfig({ ...redis, VIDEO_LETTER_S3_ENDPOINT: 'http://minio.local:9000' })).toThrow(
      /VIDEO_LETTER_S3_ENDPOINT is set without VIDEO_LETTER_S3_BUCKET/,
    );
  });

  it('refuse an endpoint that is not a URL', () => {
    expect(() =>
      loadConfig({ ...redis, VIDEO_LETTER_S3_BUCKET: 'letters', VIDEO_LETTER_S3_ENDPOINT: 'minio.local' }),
    ).toThrow(/VIDEO_LETTER_S3_ENDPOINT/);
  });
});
