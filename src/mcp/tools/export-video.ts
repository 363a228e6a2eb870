import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import { playerToolMeta } from '../app/player.js';
import { letterUri } from '../resources/letters.js';
import type { CallContext, ExportOptions } from '../../core/backend.js';
import { ActiveStatus, EndedStatus, ExportQuality, isActive } from '../../core/render.js';
import { askerFor, type AskPerson } from '../ask-before-spending.js';
import { shownExport } from '../caller-policy.js';
import type { TaskRun, TaskTool } from '../tasks/extension.js';
import { iconsOf } from '../icons.js';
import { annotations, type ToolDeps } from './deps.js';
import { done, guarded, present, withProgress, type ToolResult } from './reply.js';
import { toolOutput } from './outcomes.js';
import { ExportShape, describeSize, exportOut } from './shapes.js';

export const exportVideoInput = {
  project_id: z.string().describe('The letter, as returned by upload_media.'),
  quality: ExportQuality.default('final').describe('final: full 1080p. preview: 540p, much faster, for checking.'),
  cancel: z.boolean().optional().describe('true stops the running export of this letter instead of starting one.'),
  confirm: z
    .boolean()
    .optional()
    .describe(
      'true: the person agreed to the credits an export costs. Only needed after export_video answered status "confirm" with the cost.',
    ),
};
type Args = z.infer<z.ZodObject<typeof exportVideoInput>>;

const Exported = ExportShape.extend({
  project_id: z.string(),
  status: z
    .literal('done')
    .describe(
      'done: the MP4 is written. queued or rendering: call export_video again to collect it. cancelled, failed or interrupted: no video was written.',
    ),
  uri: z.string().describe('Where to open the MP4: a file:// URL, or over HTTP its download link.'),
  message: z.string(),
  download_url: z
    .string()
    .optional()
    .describe(
      'Over HTTP: where to fetch the MP4 from this server (supports range requests), until download_expires_at.',
    ),
  captions_url: z.string().optional(),
  download_expires_at: z.string().optional(),
});
const Rendering = z.object({
  project_id: z.string(),
  status: ActiveStatus,
  job_id: z.string(),
  percent: z.number(),
  eta_seconds: z.number().nullable(),
  message: z.string(),
});
const Ended = z.object({
  project_id: z.string(),
  status: EndedStatus,
  job_id: z.string(),
  message: z.string(),
});
const Confirm = z.object({
  project_id: z.string(),
  status: z
    .literal('confirm')
    .describe(
      'confirm: nothing was started; the export costs credits. Ask the person, then call again with confirm: true.',
    ),
  cost: z.number(),
  available: z.number().nullable(),
  declined: z.boolean().optional().describe('true: the person was asked (a form in the client) and said no.'),
  message: z.string(),
});
export const exportVideoOutput = toolOutput(Exported, Rendering, Ended, Confirm);
type Exporting = z.input<typeof Exported> | z.input<typeof Rendering> | z.input<typeof Ended> | z.input<typeof Confirm>;
export type ExportResult = ToolResult<Exporting>;

/**
 * One export_video call: waits for the render up to `waitMs` (the configured wait when absent).
 * With `ask`, an export that costs credits is put to the person first and starts on their yes.
 */
export async function exportVideo(
  deps: ToolDeps,
  args: Args,
  ctx: CallContext,
  waitMs?: number,
  ask?: AskPerson,
): Promise<ExportResult> {
  return guarded<Exporting>(deps.log, 'export_video', async () => {
    if (!args.cancel) await deps.policy.quotas?.beforeRender(args.project_id);
    const options: ExportOptions = {
      quality: args.quality ?? 'final',
      ...(args.cancel && { cancel: true }),
      ...(args.confirm && { confirm: true }),
      ...(waitMs !== undefined && { waitMs }),
    };
    let answer = await deps.backend.export(args.project_id, options, ctx);
    if (answer.status === 'confirm' && ask) {
      const consent = await ask(answer);
      if (consent === 'no') {
        const message = `The person chose not to spend ${answer.cost} credit${answer.cost === 1 ? '' : 's'}, so nothing was exported. Call export_video with confirm: true only if they change their mind.`;
        const declined: z.input<typeof Confirm> = { project_id: args.project_id, ...answer, message, declined: true };
        return done(message, declined);
      }
      if (consent === 'yes') answer = await deps.backend.export(args.project_id, { ...options, confirm: true }, ctx);
    }
    // What the caller sees: no server paths where download links are published instead.
    const r = answer.status === 'done' ? { ...answer, ...(await shownExport(deps.policy, answer)) } : answer;
    if (r.status === 'done') {
      // Over HTTP the letter is fetched from this server by an expiring link; locally it is a file.
      const uri = r.download?.url ?? pathToFileURL(r.path).href;
      const captionsUri = r.download?.captionsUrl ?? (r.captionsPath && pathToFileURL(r.captionsPath).href);
      const where = r.download ? `download it from ${r.download.url} (until ${r.download.expiresAt})` : r.path;
      const message =
        `The video letter is ready: ${where} (${r.width}x${r.height}, ${r.durationSeconds.toFixed(1)} s, ` +
        `${describeSize(r.sizeBytes)}, rendered in ${r.renderSeconds.toFixed(1)} s).` +
        (r.captionsPath ? ` Captions: ${r.download?.captionsUrl ?? r.captionsPath}` : '') +
        (r.loudness
          ? ` Sound: ${r.loudness.integratedLufs.toFixed(1)} LUFS, true peak ${r.loudness.truePeakDbtp.toFixed(1)} dBTP.`
          : '');
      const download = r.download && {
        download_url: r.download.url,
        download_expires_at: r.download.expiresAt,
        ...(r.download.captionsUrl && { captions_url: r.download.captionsUrl }),
      };
      const exported: z.input<typeof Exported> = {
        project_id: args.project_id,
        status: 'done',
        uri,
        message,
        ...exportOut(r),
        ...download,
      };
      return done(message, exported, [
        {
          type: 'resource_link',
          uri,
          name: path.basename(r.path),
          mimeType: 'video/mp4',
          description: 'The finished video letter',
        },
        {
          type: 'resource_link',
          uri: letterUri.video(args.project_id, r.jobId),
          name: path.basename(r.path),
          mimeType: 'video/mp4',
          size: r.sizeBytes,
          description: 'The finished video letter, readable through this server (resources/read)',
        },
        ...(r.captionsPath && captionsUri
          ? [
              {
                type: 'resource_link' as const,
                uri: captionsUri,
                name: path.basename(r.captionsPath),
                mimeType: 'application/x-subrip',
                description: "The letter's on-screen text as captions",
              },
            ]
          : []),
      ]);
    }
    if (r.status === 'queued' || r.status === 'rendering') {
      const rendering: z.input<typeof Rendering> = {
        project_id: args.project_id,
        status: r.status,
        job_id: r.jobId,
        percent: r.percent,
        eta_seconds: r.etaSeconds,
        message: r.message,
      };
      return done(r.message, rendering);
    }
    if (r.status === 'confirm') {
      const confirm: z.input<typeof Confirm> = { project_id: args.project_id, ...r };
      return done(r.message, confirm);
    }
    const ended: z.input<typeof Ended> = {
      project_id: args.project_id,
      status: r.status,
      job_id: r.jobId,
      message: r.message,
    };
    return done(r.message, ended);
  });
}

/** A task follows its render in steps this long, updating its status message and noticing tasks/cancel. */
const FOLLOW_STEP_MS = 2000;

/** The render goes on: the answer is its progress, not its end. */
const rendering = (result: ExportResult) => result.ok && isActive(result.structured.status);

/**
 * export_video as a task (the tasks extension): follows the render to its end, whatever the wait of
 * a plain call, with the progress as the task's status message; a cancelled task stops the render.
 * Stopping an export (cancel: true) is answered at once, as a plain call. An export that needs the
 * person's yes to spend credits ends the task with that question (status "confirm", nothing spent).
 */
export function exportAsTask(deps: ToolDeps): TaskTool {
  return {
    asTask: (args) => args.cancel !== true,
    work: async (given, run: TaskRun) => {
      const args = given as Args;
      const detached: CallContext = { signal: new AbortController().signal, progress: () => undefined };
      for (;;) {
        const result = await exportVideo(deps, args, detached, FOLLOW_STEP_MS);
        if (run.cancelled()) {
          if (rendering(result))
            await deps.backend.export(args.project_id, { quality: args.quality ?? 'final', cancel: true }, detached);
          return undefined;
        }
        if (!rendering(result)) return present(result);
        if (result.ok) run.report(result.structured.message);
      }
    },
  };
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
      icons: iconsOf('export_video'),
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: false, idempotentHint: true }),
      _meta: playerToolMeta,
    },
    async (args, ctx) => {
      const asking = askerFor(server.server, ctx, deps.confirm);
      const result = present(await withProgress(ctx, (call) => exportVideo(deps, args, call, undefined, asking.ask)));
      // On 2026-07-28 an open question goes back as input_required; the retry carries the answer.
      return asking.roundTrip() ?? result;
    },
  );
}
