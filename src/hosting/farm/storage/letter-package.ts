import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { exists } from '../../../files.js';
import { LetterError } from '../../../core/errors.js';
import { withFileLock } from '../../../backends/local/locks.js';
import { ProjectStore } from '../../../backends/local/store.js';
import type { RenderOrder } from '../order.js';
import type { Bucket } from './bucket.js';
import { mediaKey, snapshotKey } from './keys.js';

/** The project store of the order's owner, under a data folder (the server's, or a worker's scratch folder). */
const storeOf = (root: string, order: RenderOrder) => new ProjectStore(path.resolve(root, order.home));

/**
 * On the server, before a render is queued: puts the letter where any worker finds it, its
 * project.json as it is now (under the render key) and each of its media files the bucket does
 * not hold yet. Media files never change under their stored name, so each goes up once.
 */
export async function sendLetter(bucket: Bucket, root: string, order: RenderOrder): Promise<void> {
  const store = storeOf(root, order);
  const record = await store.load(order.projectId);
  await Promise.all(
    record.media.map(async (m) => {
      const key = mediaKey(order, m.storedAs);
      if (!(await bucket.has(key, `the file ${m.fileName}`)))
        await bucket.upload(
          key,
          createReadStream(path.join(store.mediaDir(order.projectId), m.storedAs)),
          `the file ${m.fileName}`,
        );
    }),
  );
  await bucket.upload(snapshotKey(order), JSON.stringify(record), 'the letter');
}

/**
 * On a worker: brings the letter into its own data folder, laid out as the server keeps it, and
 * renders it there, so the render runs exactly as it would on a shared folder. Media files already
 * here from an earlier render are kept, and so is the project's cache of rendered parts. Renders
 * of one letter (a preview and a final, or before and after an edit) take turns under the
 * letter's lock, so neither renders the other's project.json.
 */
export async function renderFromBucket<T>(
  bucket: Bucket,
  root: string,
  order: RenderOrder,
  render: () => Promise<T>,
): Promise<T> {
  const folder = storeOf(root, order).dir(order.projectId);
  await fs.mkdir(folder, { recursive: true });
  return withFileLock(path.join(folder, 'letter.lock'), async () => {
    await receiveLetter(bucket, root, order);
    return render();
  });
}

async function receiveLetter(bucket: Bucket, root: string, order: RenderOrder): Promise<void> {
  const store = storeOf(root, order);
  const projectFile = path.join(store.dir(order.projectId), 'project.json');
  if (!(await bucket.download(snapshotKey(order), projectFile, 'the letter')))
    throw missing(
      'The letter to render is not in the S3 bucket (the server that queued it may use another VIDEO_LETTER_S3_BUCKET, or none)',
    );
  const record = await store.load(order.projectId);
  await Promise.all(
    record.media.map(async (m) => {
      // A stored name is a file name the server chose; anything else would write outside the media folder.
      if (path.basename(m.storedAs) !== m.storedAs)
        throw missing(`The letter names a media file outside its folder (${m.storedAs})`);
      const file = path.join(store.mediaDir(order.projectId), m.storedAs);
      if (
        !(await exists(file)) &&
        !(await bucket.download(mediaKey(order, m.storedAs), file, `the file ${m.fileName}`))
      )
        throw missing(`The file ${m.fileName} of the letter is not in the S3 bucket`);
    }),
  );
}

const missing = (what: string) =>
  new LetterError('render_failed', `${what}, so it was not rendered. Call export_video again to send it anew.`);
