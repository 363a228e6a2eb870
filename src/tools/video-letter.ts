import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { LetterError } from '../errors.js';
import { routeIntent, type Intent } from '../intent/route.js';
import type { CallContext } from '../backends/backend.js';
import { annotations, type ToolDeps } from './deps.js';
import { exportVideo } from './export-video.js';
import { generateLetter } from './generate-letter.js';
import { getCredits } from './get-credits.js';
import { getState } from './get-state.js';
import { failure, withProgress } from './reply.js';
import { uploadMedia } from './upload-media.js';

const Attachment = z.object({
  path: z.string().optional(),
  content_base64: z.string().optional(),
  file_name: z.string().optional(),
  url: z.string().url().optional(),
});

export const videoLetterInput = {
  request: z.string().min(1).describe('What the person said, as they said it (English or Chinese).'),
  project_id: z.string().optional().describe('The letter this is about; leave out only to start a new letter with attachments.'),
  attachments: z.array(Attachment).optional().describe('Files to add: each a local path, or base64 content with a file name.'),
};
const Args = z.object(videoLetterInput);

/** Asking to see the letter's frames adds the storyboard picture to the state. */
const STORYBOARD = /\b(storyboard|contact sheet)\b|分镜|故事板/i;

const TOOL_OF: Record<Intent, string> = { cancel: 'export_video', export: 'export_video', credits: 'get_credits', state: 'get_state', upload: 'upload_media', edit: 'generate_letter' };

export const videoLetterOutput = {
  routed_to: z.enum(['export_video', 'get_credits', 'get_state', 'upload_media', 'generate_letter']),
  project_id: z.string().optional(),
  results: z.array(z.record(z.string(), z.unknown())),
};

function needProject(projectId: string | undefined, what: string): string {
  if (!projectId) throw new LetterError('invalid_request', `To ${what}, pass the letter's project_id (upload_media returns it).`);
  return projectId;
}

async function route(deps: ToolDeps, args: z.infer<typeof Args>, intent: Intent, ctx: CallContext): Promise<CallToolResult[]> {
  switch (intent) {
    case 'credits':
      return [await getCredits(deps)];
    case 'state':
      return [await getState(deps, { project_id: needProject(args.project_id, 'show the letter'), ...(STORYBOARD.test(args.request) && { storyboard: true }) })];
    case 'cancel':
      return [await exportVideo(deps, { project_id: needProject(args.project_id, 'cancel the export'), quality: 'final', cancel: true }, ctx)];
    case 'export':
      return [await exportVideo(deps, { project_id: needProject(args.project_id, 'export the video'), quality: /\bpreview\b|预览/i.test(args.request) ? 'preview' : 'final' }, ctx)];
    case 'edit':
      return [await generateLetter(deps, { project_id: needProject(args.project_id, 'change the letter'), instruction: args.request }, ctx)];
    case 'upload': {
      const files = args.attachments ?? [];
      if (files.length === 0) throw new LetterError('invalid_request', 'To upload, attach files (a local path, or base64 content with a file name).');
      const results: CallToolResult[] = [];
      let projectId = args.project_id;
      for (const file of files) {
        const r = await uploadMedia(deps, { ...file, ...(projectId && { project_id: projectId }) }, ctx);
        results.push(r);
        projectId ??= (r.structuredContent as { project_id?: string } | undefined)?.project_id;
      }
      return results;
    }
  }
}

export function registerVideoLetterTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'video_letter',
    {
      title: 'Do what the person asked (free-form)',
      description:
        'One entry point for a free-form request about a video letter, routed by keywords (English and Chinese): ' +
        '"export" / "导出" / "download" / "send me the video" → export_video ("cancel the export" / "取消导出" stops it); ' +
        '"is it ready?" / "好了吗" → get_state; "credits" / "积分" / "balance" / "余额" → ' +
        'get_credits; "status" / "状态" / "show tracks" → get_state; "upload" / "上传" or attached files → upload_media; ' +
        'anything else is an edit → generate_letter. The reply says where it was routed. Prefer the specific tools when ' +
        'you know which one you need.',
      inputSchema: videoLetterInput,
      outputSchema: videoLetterOutput,
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: true, idempotentHint: false }),
    },
    async (args, extra) => {
      const intent = routeIntent(args.request, (args.attachments?.length ?? 0) > 0);
      const tool = TOOL_OF[intent];
      let results: CallToolResult[];
      try {
        results = await withProgress(extra, (ctx) => route(deps, args, intent, ctx));
      } catch (e) {
        results = [failure(e, deps.log, tool)];
      }
      const structured = results.map((r) => (r.structuredContent ?? {}) as Record<string, unknown>);
      const projectId = args.project_id ?? structured.map((s) => s.project_id).find((p): p is string => typeof p === 'string');
      const text = results.flatMap((r) => r.content.filter((c) => c.type === 'text').map((c) => c.text)).join('\n');
      return {
        content: [{ type: 'text', text: `Routed to ${tool}.\n${text}` }, ...results.flatMap((r) => r.content.filter((c) => c.type !== 'text'))],
        structuredContent: { routed_to: tool, ...(projectId && { project_id: projectId }), results: structured },
        ...(results.some((r) => r.isError) && { isError: true }),
      };
    },
  );
}
