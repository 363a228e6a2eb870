import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BucketConfig } from '../../../config.js';
import { LetterError } from '../../../core/errors.js';
import { tempSibling } from '../../../files.js';

/** What an SDK error carries that says what went wrong: S3's error name, Node's network code, the HTTP status. */
interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const CREDENTIALS = [
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'CredentialsProviderError',
];
const NETWORK = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'TimeoutError'];

/**
 * The S3-compatible bucket letters and exports travel through, for workers that do not share the
 * server's data folder. Every failure becomes a sentence naming the bucket, what went wrong and
 * what to set; credentials stay with the SDK and never reach a sentence or a log.
 */
export class Bucket {
  private readonly s3: S3Client;

  constructor(private readonly config: BucketConfig) {
    this.s3 = new S3Client({
      region: config.region,
      // S3-compatible services (MinIO, s3rver) answer at one address, the bucket in the path.
      ...(config.endpoint && { endpoint: config.endpoint, forcePathStyle: true }),
      // Checksums only where S3 requires them: newer SDKs send a CRC32 trailer with every upload by
      // default, which services that predate it (older MinIO, s3rver) store inside the object or refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A service that cannot be reached says so within seconds, instead of holding a render.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  /**
   * Asks the bucket whether it is there for these credentials, so a wrong setting stops a server or
   * worker from starting, with a sentence, rather than failing letters later (a worker with a
   * wrong key would fail every letter it took from the queue).
   */
  async reach(): Promise<void> {
    await this.attempt(
      'reach',
      async () => {
        try {
          await this.s3.send(new HeadBucketCommand({ Bucket: this.config.name }));
        } catch (e) {
          // A HEAD answer has no body to name the error by.
          throw status(e) === 404 ? Object.assign(e as Error, { name: 'NoSuchBucket' }) : e;
        }
      },
      '',
    );
  }

  /** Whether the bucket holds this object. */
  has(key: string, what: string): Promise<boolean> {
    return this.attempt(`look for ${what} in`, async () => {
      try {
        await this.s3.send(new HeadObjectCommand({ Bucket: this.config.name, Key: key }));
        return true;
      } catch (e) {
        if (status(e) === 404) return false;
        throw e;
      }
    });
  }

  /** Stores a file (as a stream: large clips go up in parts) or a text. */
  async upload(key: string, body: Readable | string, what: string): Promise<void> {
    await this.attempt(`store ${what} in`, () =>
      new Upload({ client: this.s3, params: { Bucket: this.config.name, Key: key, Body: body } }).done(),
    );
  }

  /** Writes the object into `file`, whole or not at all; false when the bucket does not hold it. */
  download(key: string, file: string, what: string): Promise<boolean> {
    return this.attempt(`fetch ${what} from`, async () => {
      let body: Readable;
      try {
        body = (await this.s3.send(new GetObjectCommand({ Bucket: this.config.name, Key: key }))).Body as Readable;
      } catch (e) {
        if (status(e) === 404) return false;
        throw e;
      }
      await fs.mkdir(path.dirname(file), { recursive: true });
      const partial = tempSibling(file);
      try {
        await pipeline(body, createWriteStream(partial));
        await fs.rename(partial, file);
      } finally {
        await fs.rm(partial, { force: true });
      }
      return true;
    });
  }

  async remove(key: string, what: string): Promise<void> {
    await this.attempt(`remove ${what} from`, () =>
      this.s3.send(new DeleteObjectCommand({ Bucket: this.config.name, Key: key })),
    );
  }

  close(): void {
    this.s3.destroy();
  }

  private async attempt<T>(doing: string, work: () => Promise<T>, then = ' Then call export_video again.'): Promise<T> {
    try {
      return await work();
    } catch (e) {
      const where = `the S3 bucket "${this.config.name}"${this.config.endpoint ? ` at ${this.config.endpoint}` : ''}`;
      throw new LetterError('storage_unavailable', `Could not ${doing} ${where}: ${reason(e as SdkError)}${then}`);
    }
  }
}

function status(e: unknown): number | undefined {
  return (e as SdkError).$metadata?.httpStatusCode;
}

/** What went wrong, and what to set, in a sentence. */
function reason(e: SdkError): string {
  const name = e.name ?? '';
  const code = e.code ?? '';
  if (CREDENTIALS.includes(name) || e.$metadata?.httpStatusCode === 403)
    return `it refused the credentials (${CREDENTIALS.includes(name) ? name : 'HTTP 403'}). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key that may read and write this bucket.`;
  if (name === 'NoSuchBucket')
    return 'there is no such bucket. Create it, or correct VIDEO_LETTER_S3_BUCKET (and VIDEO_LETTER_S3_ENDPOINT).';
  if (NETWORK.includes(code) || NETWORK.includes(name))
    return `it could not be reached (${code || name}). Check VIDEO_LETTER_S3_ENDPOINT and that the storage service is running.`;
  return `${(e.message || name || 'unknown error').replace(/\.?$/, '.')}`;
}
