import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LetterError } from '../../core/errors.js';
import { FRAME_SIZES, type Timeline } from '../../core/timeline/model.js';
import type { MomentRef } from '../../core/timeline/operations.js';
import { momentsOf } from '../../core/timeline/moments.js';
import { findMoment } from './plan/operations/context.js';
import type { ProjectRecord } from './project.js';
import type { MomentStill } from '../../core/backend.js';
import { compileStill, stillTime } from './render/compile/still.js';
import { prepareVisuals, type AssetPlaces } from './render/prepare/assets.js';
import { runFfmpeg } from './render/run/render-once.js';
import type { MotionFilter } from './render/compile/types.js';

/** A still is returned inside the tool result: kept well under what clients accept in one message (~1 MB). */
export const STILL_MAX_BYTES = 500_000;
/** JPEG qualities tried in turn (ffmpeg's scale: lower is better) until the still fits. */
const QUALITIES = [3, 6, 10, 16];

/**
 * One moment at full size as it will look in the letter (photo, framing, motion at that instant,
 * colour look, its words), drawn by the render's own filter graph: the frame in the middle of its
 * caption, or of its time alone on screen.
 */
export async function drawMomentStill(
  timeline: Timeline,
  record: ProjectRecord,
  ref: MomentRef,
  places: AssetPlaces,
  tools: { ffmpeg: string; motion: MotionFilter },
): Promise<MomentStill> {
  const moment = findMoment(ref, { settings: record.letter, media: record.media });
  const at = stillTime(timeline, moment.id);
  if (at === undefined)
    throw new LetterError('invalid_request', `${moment.fileName} is left out of the letter; restore it to see it.`);
  const { width, height } = FRAME_SIZES[timeline.aspect];
  const visuals = await prepareVisuals(timeline, width, height, places);
  await visuals.ready();
  const dir = path.join(places.projectCache, 'stills');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${moment.id}-${process.pid}-${Date.now()}.jpg`);
  const target = { path: file, width, height, quality: 'final' as const, motion: tools.motion };
  try {
    let jpeg = Buffer.alloc(0);
    for (const quality of QUALITIES) {
      await runFfmpeg(tools.ffmpeg, compileStill(timeline, visuals, target, at, quality), { durationSeconds: 0.1 });
      jpeg = await fs.readFile(file);
      if (jpeg.length <= STILL_MAX_BYTES) break;
    }
    const position = momentsOf(timeline).find((m) => m.id === moment.id)?.position ?? 0;
    return { jpeg, label: `${position}. ${moment.fileName} at ${at.toFixed(1)} s`, width, height };
  } finally {
    await fs.rm(file, { force: true });
  }
}
