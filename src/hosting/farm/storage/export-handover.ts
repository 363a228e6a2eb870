import { createReadStream, promises as fs } from 'node:fs';
import type { ExportInfo } from '../../../core/backend.js';
import { exists } from '../../../files.js';
import type { Bucket } from './bucket.js';
import { exportKey } from './keys.js';

/** The files of a finished letter: the MP4, and its captions when it has any. */
const filesOf = (info: ExportInfo) => [info.path, ...(info.captionsPath ? [info.captionsPath] : [])];
const describe = (file: string) => (file.endsWith('.mp4') ? 'the rendered letter' : 'its captions');

/**
 * On a worker, once a letter is rendered: puts its files in the bucket under the job, and lets
 * its own copies go (its data folder is scratch space). The job's result names the files, and the
 * job id with a file's name is its key, so the server knows where to fetch them.
 */
export async function deliverExport(bucket: Bucket, jobId: string, info: ExportInfo): Promise<ExportInfo> {
  for (const file of filesOf(info)) await bucket.upload(exportKey(jobId, file), createReadStream(file), describe(file));
  await Promise.all(filesOf(info).map((file) => fs.rm(file, { force: true })));
  return info;
}

/**
 * On the server, before a render counts as done: fetches its files from the bucket into the
 * person's output folder (`info` has the paths there), so download links, range requests and
 * file:// links serve them as any other export, then removes them from the bucket, which only
 * hands letters over. A file already there (another server on this folder fetched it), or no
 * longer in the bucket (fetched before, and deleted by the person since), is left as it is.
 */
export async function collectExport(bucket: Bucket, jobId: string, info: ExportInfo): Promise<void> {
  for (const file of filesOf(info)) {
    const key = exportKey(jobId, file);
    if (!(await exists(file)) && (await bucket.download(key, file, describe(file))))
      await bucket.remove(key, describe(file));
  }
}
