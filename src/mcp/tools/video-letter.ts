import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import { LetterError } from '../../core/errors.js';
import { routeRequest, type Intent, type Step } from '../../core/intent/route.js';
import type { CallContext } from '../../core/backend.js';
import { iconsOf } from '../icons.js';
import { annotations, type ToolDeps } from './deps.js';
import { exportVideo, exportVideoOutput, type ExportResult } from './export-video.js';
import { generateLetter, generateLetterOutput, type LetterMadeResult } from './generate-letter.js';
import { getCredits, getCreditsOutput, type CreditsResult } from './get-credits.js';
import { getState, getStateOutput, type StateResult } from './get-state.js';
import { MAX_INSTRUCTION_CHARS, instructionTooLong } from '../../backends/local/limits.js';
import { done, failure, present, withProgress, type StructuredOf, type ToolResult } from './reply.js';
import { callerGate, type CallerGate } from '../caller-policy.js';
import { uploadMedia, uploadMediaOutput, type UploadedResult } from './upload-media.js';

const Attachment = z.object({
  path: z.string().optional(),
  content_base64: z.string().optional(),
  file_name: z.string().optional(),
  url: z.string().url().optional(),
});

export const videoLetterInput = {
  // Bounded before routing: reading a megabyte of words held the server's thread for seconds.
  request: z
    .string()
    .min(1)
    .max(MAX_INSTRUCTION_CHARS, instructionTooLong())
    .describe('What the person said, as they said it (English or Chinese).'),
  project_id: z
    .string()
    .optional()
    .describe('The letter this is about; leave out only to start a new letter with attachments.'),
  attachments: z
    .array(Attachment)
    .optional()
    .describe(
      'Files to add, stored before anything else: each a local path (a file or a folder), or base64 content with a file name.',
    ),
};
type Args = z.infer<z.ZodObject<typeof videoLetterInput>>;

/** Asking to see the letter's frames adds the storyboard picture to the state. */
const STORYBOARD = /\b(storyboard|contact sheet)\b|分镜|故事板/i;
const PREVIEW = /\b(preview|draft)\b|预览/i;

const TOOLS = ['export_video', 'get_credits', 'get_state', 'upload_media', 'generate_letter'] as const;
type Tool = (typeof TOOLS)[number];
const TOOL_OF: Record<Intent, Tool> = {
  cancel: 'export_video',
  export: 'export_video',
  credits: 'get_credits',
  state: 'get_state',
  upload: 'upload_media',
  edit: 'generate_letter',
};

export const videoLetterOutput = {
  routed_to: z.enum(TOOLS).describe('The last tool the request was routed to.'),
  steps: z.array(z.enum(TOOLS)).describe('Every tool that ran, in order.'),
  project_id: z.string().optional(),
  results: z
    .array(z.union([uploadMediaOutput, generateLetterOutput, getStateOutput, exportVideoOutput, getCreditsOutput]))
    .describe(
      "Each step's answer, in order: the structured content of the tool it ran (upload_media gives one per attachment).",
    ),
};

function needProject(projectId: string | undefined, what: string): string {
  if (!projectId)
    throw new LetterError('invalid_request', `To ${what}, pass the letter's project_id (upload_media returns it).`);
  return projectId;
}

/** What a step answered: the typed result of the tool it ran. */
type StepResult = ToolResult<
  StructuredOf<UploadedResult | LetterMadeResult | StateResult | ExportResult | CreditsResult>
>;

interface Ran {
  tool: Tool;
  result: StepResult;
}

const projectOf = (r: StepResult) => ('project_id' in r.structured ? r.structured.project_id : undefined);

async function upload(deps: ToolDeps, args: Args, ctx: CallContext, gate: CallerGate): Promise<StepResult[]> {
  const files = args.attachments ?? [];
  if (files.length === 0)
    throw new LetterError(
      'invalid_request',
      'To upload, attach files (a local path, or base64 content with a file name).',
    );
  const results: StepResult[] = [];
  let projectId = args.project_id;
  for (const file of files) {
    const r = await uploadMedia(deps, { ...file, ...(projectId && { project_id: projectId }) }, ctx, gate);
    results.push(r);
    projectId ??= projectOf(r);
  }
  return results;
}

async function runStep(
  deps: ToolDeps,
  gate: CallerGate,
  args: Args,
  step: Step,
  projectId: string | undefined,
  ctx: CallContext,
): Promise<StepResult[]> {
  switch (step.intent) {
    case 'upload':
      return upload(deps, args, ctx, gate);
    case 'credits':
      return [await getCredits(deps)];
    case 'state':
      return [
        await getState(deps, {
          project_id: needProject(projectId, 'show the letter'),
          ...(STORYBOARD.test(step.text) && { storyboard: true }),
        }),
      ];
    case 'cancel':
      return [
        await exportVideo(
          deps,
          { project_id: needProject(projectId, 'cancel the export'), quality: 'final', cancel: true },
          ctx,
        ),
      ];
    case 'export':
      return [
        await exportVideo(
          deps,
          {
            project_id: needProject(projectId, 'export the video'),
            quality: PREVIEW.test(step.text) ? 'preview' : 'final',
          },
          ctx,
        ),
      ];
    case 'edit':
      return [
        await generateLetter(
          deps,
          { project_id: needProject(projectId, 'change the letter'), ...(step.text && { instruction: step.text }) },
          ctx,
        ),
      ];
  }
}

/** Why the steps after this result must not run: a failure, or an edit that changed nothing (so an export would not be what was asked). */
function stopReason(step: Step, ran: Ran, rest: Step[]): string | undefined {
  if (rest.length === 0) return undefined;
  const next = rest.map((s) => TOOL_OF[s.intent]).join(' and ');
  if (!ran.result.ok) return `I stopped there and did not run ${next}.`;
  const changes = 'changes' in ran.result.structured ? ran.result.structured.changes : undefined;
  if (step.intent === 'edit' && step.text && changes?.length === 0 && rest.some((s) => s.intent === 'export')) {
    return 'Nothing changed, so I did not start the export; say what to change, or ask for the export on its own.';
  }
  return undefined;
}

/**
 * Runs the routed steps in order. Files are stored first; when new files are followed by an export
 * and no edit, the letter is rebuilt from everything uploaded, so the export holds the new files.
 */
async function runSteps(
  deps: ToolDeps,
  gate: CallerGate,
  args: Args,
  steps: Step[],
  ctx: CallContext,
): Promise<{ ran: Ran[]; stopped?: string }> {
  const plan = [...steps];
  const exportAt = plan.findIndex((s) => s.intent === 'export');
  if (plan.some((s) => s.intent === 'upload') && exportAt > 0 && !plan.some((s) => s.intent === 'edit'))
    plan.splice(exportAt, 0, { intent: 'edit', text: '' });
  const ran: Ran[] = [];
  let projectId = args.project_id;
  for (const [i, step] of plan.entries()) {
    const tool = TOOL_OF[step.intent];
    let results: StepResult[];
    try {
      results = await runStep(deps, gate, args, step, projectId, ctx);
    } catch (e) {
      results = [failure(e, deps.log, tool)];
    }
    for (const result of results) {
      ran.push({ tool, result });
      projectId ??= projectOf(result);
    }
    const stopped = stopReason(
      step,
      { tool, result: results.find((r) => !r.ok) ?? results.at(-1)! },
      plan.slice(i + 1),
    );
    if (stopped) return { ran, stopped };
  }
  return { ran };
}

export function registerVideoLetterTool(server: McpServer, deps: ToolDeps): void {
  const gate = callerGate(server, deps.policy);
  server.registerTool(
    'video_letter',
    {
      title: 'Do what the person asked (free-form)',
      description:
        'One entry point for a free-form request about a video letter (English or Chinese). Attached files are always ' +
        'stored first (upload_media). Then the request is routed by what it asks for, not by a word it contains: ' +
        '"export it" / "导出" / "download it" / "send me the video" → export_video ("cancel the export" / "取消导出" stops it); ' +
        '"credits" / "积分" / "balance" / "余额" → get_credits; "status" / "状态" / "show tracks" / "is it ready?" / "好了吗" → ' +
        'get_state; "upload" / "上传" → upload_media; anything else, including edits that mention the video, timeline, ' +
        'render or music ("render the title in gold"), is an edit → generate_letter. Several requests in one sentence run in ' +
        'order: uploads, then edits, then the export ("make it vertical and send me the video"). A request that is unclear or ' +
        'negated ("don\'t export yet") never cancels or exports. The reply says where it was routed. Prefer the specific ' +
        'tools when you know which one you need.',
      inputSchema: videoLetterInput,
      outputSchema: videoLetterOutput,
      icons: iconsOf('video_letter'),
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: true, idempotentHint: false }),
    },
    async (args, ctx) => {
      const steps = routeRequest(args.request, (args.attachments?.length ?? 0) > 0);
      const { ran, stopped } = await withProgress(ctx, (call) => runSteps(deps, gate, args, steps, call));
      const projectId = args.project_id ?? ran.map((r) => projectOf(r.result)).find((p) => p !== undefined);
      const tools = ran.map((r) => r.tool).filter((t, i, all) => t !== all[i - 1]);
      const text = [
        `Routed to ${tools.join(', then ')}.`,
        ...ran.map((r) => r.result.text),
        ...(stopped ? [stopped] : []),
      ];
      const routed = done(
        text.join('\n'),
        {
          routed_to: tools.at(-1)!,
          steps: tools,
          ...(projectId && { project_id: projectId }),
          results: ran.map((r) => r.result.structured),
        },
        ran.flatMap((r) => r.result.attached),
      );
      // Some steps may have failed after others were done: the reply says both, and is an error.
      return { ...present(routed), ...(ran.some((r) => !r.result.ok) && { isError: true }) };
    },
  );
}
