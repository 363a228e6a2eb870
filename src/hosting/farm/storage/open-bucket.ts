import type { BucketConfig } from '../../../config.js';
import { importFarm } from '../packages.js';
import type { Bucket } from './bucket.js';

/**
 * The bucket of these settings, checked (see Bucket.reach), or none without settings. The S3 SDK
 * is loaded only here: it is large, and an installation without a bucket has no use for it.
 */
export async function openBucket(config: BucketConfig | undefined): Promise<Bucket | undefined> {
  if (!config) return undefined;
  const { Bucket } = await importFarm('A bucket (VIDEO_LETTER_S3_BUCKET)', () => import('./bucket.js'));
  const bucket = new Bucket(config);
  await bucket.reach();
  return bucket;
}
