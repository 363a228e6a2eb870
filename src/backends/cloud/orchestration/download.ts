import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { LetterError } from '../../../core/errors.js';
import type { ExportInfo } from '../../../core/backend.js';
import type { NemoApi } from '../client/api.js';
import { readMp4Info } from './mp4info.js';
import type { RenderRecord } from './store.js';

export interface SaveOptions {
  record: RenderRecord;
  outputDir: string;
  /** The largest letter accepted (the product's 200 MB file limit). */
  maxBytes: number;
  signal: AbortSignal;
  now: () => number;
}

/**
 * A finished render's MP4, saved as `video-letter-<render id>.mp4` in the output folder: into a
 * temp file beside the target, checked (an MP4 by its content, with a readable moov), then
 * renamed, so there is never a half-written or foreign file at the final path.
 */
export async function saveRender(api: NemoApi, url: string, o: SaveOptions): Promise<ExportInfo> {
  const { record } = o;
  await mkdir(o.outputDir, { recursive: true });
  const target = path.join(o.outputDir, `video-letter-${record.renderId}.mp4`);
  const temp = path.join(o.outputDir, `.video-letter-${record.renderId}.${randomUUID()}.part`);
  try {
    const res = await api.download(url, o.maxBytes, o.signal);
    await pipeline(res.body, createWriteStream(temp, { mode: 0o644 }), { signal: o.signal });
    const type = await fileTypeFromFile(temp);
    if (!type || !['mp4', 'mov', 'm4v'].includes(type.ext))
      throw new LetterError(
        'render_failed',
        `the file NemoVideo sent is not an MP4${type ? ` (it is ${type.ext})` : ''}.`,
      );
    const info = await readMp4Info(temp);
    if (!info) throw new LetterError('render_failed', 'the file NemoVideo sent is an unreadable MP4.');
    const { size } = await stat(temp);
    await rename(temp, target);
    const finishedAt = new Date(o.now());
    return {
      jobId: record.renderId,
      path: target,
      durationSeconds: Math.round(info.durationSeconds * 100) / 100,
      sizeBytes: size,
      width: info.width,
      height: info.height,
      renderSeconds: Math.round((finishedAt.getTime() - Date.parse(record.createdAt)) / 100) / 10,
      quality: record.quality,
      finishedAt: finishedAt.toISOString(),
    };
  } finally {
    await rm(temp, { force: true });
  }
}
