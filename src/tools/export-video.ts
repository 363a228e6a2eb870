import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallContext } from '../backends/backend.js';
import { annotations, type ToolDeps } from './deps.js';
import { guarded, reply, withProgress } from './reply.js';
import { ErrorShape, describeSize, exportOut } from './shapes.js';

export const exportVideoInput = {
  project_id: z.string().describe('The letter, as returned by upload_media.'),
  quality: z.enum(['final', 'preview']).default('final').describe('final: full 1080p. preview: 540p, much faster, for checking.'),
  cancel: z.boolean().optional().describe('true stops the running export of this letter instead of starting one.'),
};
const Args = z.object(exportVideoInput);

export const exportVideoOutput = {
  project_id: z.string().optional(),
  status: z.enum(['done', 'queued', 'rendering', 'failed', 'cancelled', 'interrupted']).optional(),
  job_id: z.string().optional(),
  path: z.string().optional(),
  uri: z.string().optional(),
  duration_seconds: z.number().optional(),
  size_bytes: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  render_seconds: z.number().optional(),
  quality: z.enum(['final', 'preview']).optional(),
  finished_at: z.string().optional(),
  captions_path: z.string().optional().describe('The on-screen text as a .srt caption file beside the MP4 (same base name).'),
  download_url: z.string().optional().describe('Over HTTP: where to fetch the MP4 from this server (supports range requests), until download_expires_at.'),
  captions_url: z.string().optional(),
  download_expires_at: z.string().optional(),
  percent: z.number().optional(),
  eta_seconds: z.number().nullable().optional(),
  message: z.string().optional(),
  error: ErrorShape,
};

export async function exportVideo(deps: ToolDeps, args: z.infer<typeof Args>, ctx: CallContext) {
  return guarded(deps.log, 'export_video', async () => {
    const r = await deps.backend.export(args.project_id, { quality: args.quality ?? 'final', ...(args.cancel && { cancel: true }) }, ctx);
    if (r.status === 'done') {
      // Over HTTP the letter is fetched from this server by an expiring link; locally it is a file.
      const uri = r.download?.url ?? pathToFileURL(r.path).href;
      const captionsUri = r.download?.captionsUrl ?? (r.captionsPath && pathToFileURL(r.captionsPath).href);
      const where = r.download ? `download it from ${r.download.url} (until ${r.download.expiresAt})` : r.path;
      const message = `The video letter is ready: ${where} (${r.width}x${r.height}, ${r.durationSeconds.toFixed(1)} s, ` +
        `${describeSize(r.sizeBytes)}, rendered in ${r.renderSeconds.toFixed(1)} s).` +
        (r.captionsPath ? ` Captions: ${r.download?.captionsUrl ?? r.captionsPath}` : '');
      const download = r.download && {
        download_url: r.download.url, download_expires_at: r.download.expiresAt, ...(r.download.captionsUrl && { captions_url: r.download.captionsUrl }),
      };
      return reply(
        message,
        { project_id: args.project_id, status: 'done', uri, message, ...exportOut(r), ...download },
        [
          { type: 'resource_link', uri, name: path.basename(r.path), mimeType: 'video/mp4', description: 'The finished video letter' },
          ...(r.captionsPath && captionsUri
            ? [{ type: 'resource_link' as const, uri: captionsUri, name: path.basename(r.captionsPath), mimeType: 'application/x-subrip', description: "The letter's on-screen text as captions" }]
            : []),
        ],
      );
    }
    if (r.status === 'queued' || r.status === 'rendering') {
      return reply(r.message, { project_id: args.project_id, status: r.status, job_id: r.jobId, percent: r.percent, eta_seconds: r.etaSeconds, message: r.message });
    }
    return reply(r.message, { project_id: args.project_id, status: r.status, job_id: r.jobId, message: r.message });
  });
}

export function registerExportVideoTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'export_video',
    {
      title: 'Render the video letter to MP4',
      description:
        'Renders the letter to an MP4 (H.264 + AAC, 30 fps; 1920x1080, 1080x1920 or 1080x1080 by aspect) and returns its ' +
        'absolute path and a link. Call it when the person is happy with the letter (check with get_state first). ' +
        'quality "preview" renders 540p quickly. A long render answers with status "rendering", a job_id and progress: call ' +
        'export_video again with the same arguments to collect the file (it never renders the same letter twice). ' +
        'cancel: true stops a running export.',
      inputSchema: exportVideoInput,
      outputSchema: exportVideoOutput,
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: false, idempotentHint: true }),
    },
    (args, extra) => withProgress(extra, (ctx) => exportVideo(deps, args, ctx)),
  );
}
