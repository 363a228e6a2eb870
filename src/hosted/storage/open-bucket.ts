import type { BucketConfig } from '../../config.js';
import type { Bucket } from './bucket.js';

/**
 * The bucket of these settings, checked (see Bucket.reach), or none without settings. The S3 SDK
 * is loaded only here: it is large, and an installation without a bucket has no use for it.
 */
export async function openBucket(config: BucketConfig | undefined): Promise<Bucket | undefined> {
  if (!config) return undefined;
  const { Bucket } = await import('./bucket.js');
  const bucket = new Bucket(config);
  await bucket.reach();
  return bucket;
}
