import { z } from 'zod';
import { Aspect, Timeline } from '../../core/timeline/model.js';
import type { TranscriptInfo } from '../../core/backend.js';
import { MediaInfo } from '../../core/media/record.js';
import { ExportInfo, RenderJobInfo } from '../../core/render.js';
import { snakeKeys, snakeSchema } from './snake.js';

/** Output fields shared by several tools, in the snake_case agents see. */
export const MediaShape = snakeSchema(MediaInfo).extend({
  transcript: MediaInfo.shape.transcript.describe(
    'For a voice recording (local engine): the words heard in it, offline. "lines" are the captions it gives (seconds from the ' +
      'recording\'s start); generate_letter with captions: "voice" (or "use what I said as the captions") shows them in the letter.',
  ),
});

/** A finished letter; export_video adds its download links in fields of its own. */
const Exported = ExportInfo.omit({ download: true });
const Loudness = Exported.shape.loudness.unwrap();

export const ExportShape = snakeSchema(Exported).extend({
  captions_path: Exported.shape.captionsPath.describe('The on-screen text as a .srt caption file beside the MP4.'),
  loudness: snakeSchema(Loudness)
    .optional()
    .describe(
      "The letter's sound measured on the MP4 (EBU R128): integrated loudness and true peak. Letters aim at -16 LUFS, peaks at or below -1.5 dBTP.",
    ),
});

export const RenderJobShape = snakeSchema(RenderJobInfo.omit({ captionsPath: true }));

export { Aspect, Timeline };

export function mediaOut(m: MediaInfo): z.infer<typeof MediaShape> {
  // Only the fields an agent is told of, whatever else the engine's record carries.
  const info = MediaInfo.parse(m);
  return snakeKeys({
    ...info,
    ...(info.durationSeconds !== undefined && { durationSeconds: Math.round(info.durationSeconds * 1000) / 1000 }),
  });
}

/** One sentence for people about a voice recording's words: what was heard, or why nothing was. */
export function describeTranscript(t: TranscriptInfo): string {
  if (t.readsMessage && t.status !== 'pending')
    return `It reads the typed message (${t.lines.length} line${t.lines.length === 1 ? '' : 's'} found in it). Say "use what I said as the captions" (or set captions: "voice") to show each line of the message while it is spoken.`;
  const notRead = t.readsMessage === false ? 'It does not read the typed message. ' : '';
  return notRead + heardWords(t);
}

function heardWords(t: TranscriptInfo): string {
  switch (t.status) {
    case 'pending':
      return 'Its words are being transcribed; get_state shows them when done.';
    case 'done':
      return t.text
        ? `Heard: "${t.text}". Say "use what I said as the captions" (or set captions: "voice") to show these words on screen as they are spoken.`
        : 'No words were heard in it.';
    default:
      return t.note ?? 'Its words could not be transcribed; the typed message stays the captions.';
  }
}

export function exportOut(e: ExportInfo): z.infer<typeof ExportShape> {
  const { loudness, ...info } = Exported.parse(e);
  return snakeKeys({
    ...info,
    renderSeconds: Math.round(info.renderSeconds * 100) / 100,
    ...(loudness && { loudness: snakeKeys(loudness) }),
  });
}

export function renderJobOut(j: RenderJobInfo): z.infer<typeof RenderJobShape> {
  return {
    job_id: j.jobId,
    status: j.status,
    quality: j.quality,
    percent: j.percent,
    created_at: j.createdAt,
    ...(j.finishedAt && { finished_at: j.finishedAt }),
    ...(j.path && { path: j.path }),
    ...(j.error && { error: j.error }),
  };
}

export const describeSize = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
