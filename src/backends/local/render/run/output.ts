import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ExportQuality } from '../../../../core/backend.js';
import { FRAME_SIZES, type Aspect, type Timeline } from '../../../../core/timeline/model.js';
import { probeMedia } from '../../intake/probe.js';
import { SILENT_LUFS } from '../compile/mix.js';
import { writeCaptions } from './caption-file.js';
import type { FfmpegTools } from './locate-ffmpeg.js';
import { measureLetterLoudness } from './measure-loudness.js';

/** A file name safe on every OS, from the letter's title. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return s || 'video-letter';
}

/** Where a finished letter goes: its title, when it was made and a random tail, so no export overwrites another. */
export function outputPath(outputDir: string, title: string, quality: ExportQuality): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(
    outputDir,
    `${slug(title)}-${stamp}-${randomBytes(2).toString('hex')}${quality === 'preview' ? '-preview' : ''}.mp4`,
  );
}

/** The frame of the aspect, half as large for a preview; even sizes, as H.264 4:2:0 needs. */
export function outputSize(aspect: Aspect, quality: ExportQuality): { width: number; height: number } {
  const frame = FRAME_SIZES[aspect];
  const scale = quality === 'preview' ? 0.5 : 1;
  return { width: Math.round((frame.width * scale) / 2) * 2, height: Math.round((frame.height * scale) / 2) * 2 };
}

export interface OutputFacts {
  durationSeconds: number;
  sizeBytes: number;
  captionsPath?: string;
  loudness?: { integratedLufs: number; truePeakDbtp: number };
}

/** What an export reports of its finished file: its length and size, the captions written beside it, its loudness. */
export async function describeOutput(
  ffmpeg: FfmpegTools,
  timeline: Timeline,
  file: string,
  signal: AbortSignal,
): Promise<OutputFacts> {
  const [captionsPath, probe, loudness] = await Promise.all([
    writeCaptions(timeline, file),
    probeMedia(ffmpeg.ffprobe, file),
    measureLetterLoudness(ffmpeg.ffmpeg, file, signal),
  ]);
  return {
    durationSeconds: probe.durationSeconds ?? timeline.duration,
    sizeBytes: (await fs.stat(file)).size,
    ...(captionsPath && { captionsPath }),
    // A silent letter has no loudness to report.
    ...(loudness.integrated > SILENT_LUFS && {
      loudness: { integratedLufs: loudness.integrated, truePeakDbtp: loudness.truePeak },
    }),
  };
}
