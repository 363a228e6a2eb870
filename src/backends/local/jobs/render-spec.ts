import { LetterError } from '../../../core/errors.js';
import type { ExportInfo, RenderSpec } from '../../../core/render.js';
import type { Engine } from '../engine.js';
import { renderExport } from '../render/run/render-export.js';
import type { PartRenderer } from '../render/run/render-once.js';
import { timelineOf } from '../timelines.js';
import { renderKey } from './key.js';

/**
 * The local engine's one render: a spec in, the export out, called by the in-process queue and by
 * `video-letter-mcp worker` alike. It reads the letter as its project has it when the render
 * begins; a letter changed since the export was asked for has another key, and is not rendered
 * under the old one (its file would be found again for the old letter).
 */
export async function renderSpec(
  engine: Engine,
  jobId: string,
  spec: RenderSpec,
  signal: AbortSignal,
  progress: (percent: number) => void,
  /** Where the letter's parts render: a worker shares them out to the farm; this machine otherwise. */
  renderPart?: PartRenderer,
): Promise<ExportInfo> {
  const record = await engine.store.load(spec.projectId);
  const timeline = await timelineOf(engine, record);
  // The key holds the release and ffmpeg build too: servers and workers run the same image.
  if (renderKey(timeline, record.media, spec.quality, engine.ffmpeg.version) !== spec.key) {
    throw new LetterError(
      'render_failed',
      'The letter changed after this export was asked for (or a render worker runs another release or ffmpeg build than the server), so that version was not rendered. ' +
        'Call export_video again to render the letter as it is now; on a render farm, run servers and workers from the same release.',
    );
  }
  return renderExport(engine, { jobId, record, timeline, quality: spec.quality, signal, progress, renderPart });
}
