import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { tempDir } from './server.js';

/** s3rver's fixed key pair: the credentials a server or worker needs to use the fake bucket. */
export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface RunningS3 {
  /** Its address, for VIDEO_LETTER_S3_ENDPOINT. */
  endpoint: string;
  close: () => Promise<void>;
}

/**
 * A fake S3 service in this process (npm's s3rver, files in a temporary folder), with one bucket:
 * what the server and its workers share when they do not share a folder.
 */
export async function startS3Server(bucket: string): Promise<RunningS3> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: tempDir('vl-s3-'),
    configureBuckets: [{ name: bucket }],
  });
  const { port } = (await server.run()) as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() };
}
