import S3rver from 's3rver';
import { tempDir } from './server.js';

/** s3rver's fixed key pair: the credentials a server or worker needs to use the fake bucket. */
export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface RunningS3 {
  /** Its address, for VIDEO_LETTER_S3_ENDPOINT. */
  endpoint: string;
  port: number;
  /** The key of each object written to it so far, in order. */
  writes: () => string[];
  close: () => Promise<void>;
}

/**
 * A fake S3 service in this process (npm's s3rver, files in a temporary folder), with one bucket:
 * what the server and its workers share when they do not share a folder. s3rver checks the key id
 * of a request, not its signature: a key id it does not know is what it refuses.
 */
export async function startS3Server(bucket: string, port = 0): Promise<RunningS3> {
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: tempDir('vl-s3-'),
    configureBuckets: [{ name: bucket }],
  });
  const writes: string[] = [];
  server.on('event', (event) => {
    for (const record of event.Records)
      if (record.eventName.startsWith('ObjectCreated')) writes.push(record.s3.object.key);
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    writes: () => [...writes],
    close: () => server.close(),
  };
}
