// s3rver ships no types: the part of its API the tests use (a fake S3 service, see test/helpers/s3-server.ts).
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    configureBuckets?: { name: string }[];
  }

  /** An S3 event notification, as S3 sends them. */
  interface S3Event {
    Records: { eventName: string; s3: { object: { key: string } } }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    on(name: 'event', listener: (event: S3Event) => void): this;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
