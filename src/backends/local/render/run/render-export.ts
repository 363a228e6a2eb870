import { promises as fs } from 'node:fs';
import os from 'node:os';
import { tempSibling } from '../../../../files.js';
import type { Timeline } from '../../../../core/timeline/model.js';
import type { ExportInfo, ExportQuality } from '../../../../core/backend.js';
import type { Engine } from '../../engine.js';
import type { ProjectRecord } from '../../project.js';
import { assetPlaces } from '../../timelines.js';
import { prepareVisuals } from '../prepare/assets.js';
import { prepareSound } from '../prepare/sound-assets.js';
import { describeOutput, outputPath, outputSize } from './output.js';
import { renderLetter } from './render-letter.js';
import type { PartRenderer } from './render-once.js';
import { FPS } from '../compile/graph.js';

export interface ExportRender {
  jobId: string;
  record: ProjectRecord;
  timeline: Timeline;
  quality: ExportQuality;
  signal: AbortSignal;
  progress: (percent: number) => void;
  /** Where the letter's parts render: on this machine unless said. */
  renderPart?: PartRenderer;
}

/** One export: prepare assets, compile, run ffmpeg into a temp file, rename it into place, describe it. */
export async function renderExport(
  engine: Engine,
  { jobId, record, timeline, quality, signal, progress, renderPart }: ExportRender,
): Promise<ExportInfo> {
  const { config, log, ffmpeg, store } = engine;
  const projectId = record.id;
  const { width, height } = outputSize(timeline.aspect, quality);
  const started = Date.now();
  const places = assetPlaces(engine, record);
  const finalPath = outputPath(config.outputDir, record.letter.title, quality);
  await fs.mkdir(config.outputDir, { recursive: true });
  const partial = tempSibling(finalPath);
  // Renders share the machine: each gets its share of the cores for its parts.
  const cores = Math.max(1, Math.floor(os.availableParallelism() / config.renderConcurrency));
  log.debug({ projectId, frames: Math.round(timeline.duration * 30), width, height }, 'ffmpeg render started');
  try {
    const pictures = async (picturesSignal: AbortSignal) => {
      const visuals = await prepareVisuals(timeline, width, height, places, picturesSignal);
      log.debug({ projectId, ms: Date.now() - started }, 'pictures and text prepared');
      return visuals;
    };
    const sound = async (soundSignal: AbortSignal) => {
      const begun = Date.now();
      const prepared = await prepareSound(timeline, places, soundSignal);
      log.debug({ projectId, ms: Date.now() - begun }, 'sound prepared');
      return prepared;
    };
    const rendered = await renderLetter(
      timeline,
      pictures,
      sound,
      { path: partial, width, height, quality, motion: ffmpeg.motion },
      {
        ffmpeg: ffmpeg.ffmpeg,
        ffmpegVersion: ffmpeg.version,
        cacheDir: store.cacheDir(projectId),
        concurrency: cores,
        cores,
        ...(config.partSeconds && { partFrames: Math.round(config.partSeconds * FPS) }),
        renderPart,
        signal,
        onProgress: progress,
      },
    );
    log.debug({ projectId, ...rendered }, 'letter parts rendered or reused');
    await fs.rename(partial, finalPath);
  } finally {
    await fs.rm(partial, { force: true });
  }
  const facts = await describeOutput(ffmpeg, timeline, finalPath, signal);
  const info: ExportInfo = {
    jobId,
    path: finalPath,
    width,
    height,
    quality,
    durationSeconds: facts.durationSeconds,
    sizeBytes: facts.sizeBytes,
    renderSeconds: (Date.now() - started) / 1000,
    finishedAt: new Date().toISOString(),
    ...(facts.captionsPath && { captionsPath: facts.captionsPath }),
    ...(facts.loudness && { loudness: facts.loudness }),
  };
  log.info(
    { projectId, jobId, quality, seconds: Math.round(info.renderSeconds * 10) / 10, path: finalPath },
    'letter rendered',
  );
  return info;
}
