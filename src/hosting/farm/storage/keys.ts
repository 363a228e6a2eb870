import path from 'node:path';
import type { RenderOrder } from '../order.js';

/**
 * Where things live in the bucket. A letter's files sit under its owner's folder and project
 * (`letters/p_…` with one person, `letters/people/<id>/p_…` in hosted mode); an export under the
 * job that rendered it, until the server has fetched it.
 */
function letterFolder(order: Pick<RenderOrder, 'home' | 'projectId'>): string {
  const owner = order.home === '.' ? '' : `${order.home.split(path.sep).join('/')}/`;
  return `letters/${owner}${order.projectId}`;
}

/** The letter's project.json as it was when the export was asked for: by render key, so a later edit cannot change what a worker renders. */
export const snapshotKey = (order: Pick<RenderOrder, 'home' | 'projectId' | 'key'>) =>
  `${letterFolder(order)}/project-${order.key}.json`;

/** A media file under its stored name, which never names another file: uploaded once, reused by every export. */
export const mediaKey = (order: Pick<RenderOrder, 'home' | 'projectId'>, storedAs: string) =>
  `${letterFolder(order)}/media/${storedAs}`;

/** A finished letter's file (the MP4 or its captions) by the job that rendered it. */
export const exportKey = (jobId: string, file: string) => `exports/${jobId}/${path.basename(file)}`;
