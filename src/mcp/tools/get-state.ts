import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import { playerToolMeta } from '../app/player.js';
import type { ExportInfo, MomentStill, ProjectState, RenderJobInfo, Storyboard } from '../../core/backend.js';
import { MomentRef } from '../../core/timeline/operations.js';
import { isLetterError } from '../../core/errors.js';
import { shownState } from '../caller-policy.js';
import { MomentView, VoiceView, describeMoments, momentsOf, voicesOf } from '../../core/timeline/moments.js';
import { iconsOf } from '../icons.js';
import { annotations, type ToolDeps } from './deps.js';
import { describePictures } from './picture-words.js';
import { done, guarded, present, type ToolResult } from './reply.js';
import { toolOutput } from './outcomes.js';
import {
  ExportShape,
  MediaShape,
  RenderJobShape,
  Timeline,
  describeTranscript,
  exportOut,
  mediaOut,
  renderJobOut,
} from './shapes.js';

export const getStateInput = {
  project_id: z.string().describe('The letter, as returned by upload_media.'),
  storyboard: z
    .boolean()
    .optional()
    .describe(
      'true adds a storyboard: one JPEG contact sheet (at most 500 KB) of key frames (title card, every photo and clip in order, closing card) ' +
        'as they will look, made in about a second without rendering. Use it to check the letter before export_video.',
    ),
  moment: MomentRef.optional().describe(
    'Adds a still of one photo or clip at full size as it will look (framing, colour look, its words), as a JPEG: ' +
      '{"file":"beach.jpg"}, {"position":2} or {"id":"..."}. Use it for "show me how the beach photo looks".',
  ),
};
type Args = z.infer<z.ZodObject<typeof getStateInput>>;

const LetterState = z.object({
  project_id: z.string(),
  backend: z.enum(['local', 'cloud']),
  summary: z.string(),
  timeline: Timeline.nullable().describe('null until generate_letter has made the letter.'),
  moments: z
    .array(MomentView)
    .describe(
      'The photos and clips in order, as edits address them (by id, file or position), with their own settings.',
    ),
  voices: z.array(VoiceView).describe('Where each voice recording plays.'),
  media: z.array(MediaShape),
  last_export: ExportShape.nullable(),
  renders: z.array(RenderJobShape),
  set_aside: z
    .array(
      z.object({
        media_id: z.string(),
        file_name: z.string(),
        reason: z.enum(['duplicate', 'near-duplicate', 'blurred', 'length']),
        sentence: z.string(),
      }),
    )
    .optional()
    .describe(
      'Photos that do not play though never removed (local engine): duplicates (the better of each kept) and blurred shots found at upload, ' +
        'and photos left out to fit a length asked for ("about a minute"). Bring one back by name ("bring back beach-2.jpg"), or all with "use all the photos".',
    ),
  capabilities: z
    .array(z.object({ feature: z.string(), available: z.boolean(), sentence: z.string() }))
    .optional()
    .describe(
      'Features that depend on what is installed on this computer (local engine), each with whether it works here and what it needs: ' +
        'say what is missing before the person relies on it.',
    ),
  storyboard: z
    .object({ mime_type: z.literal('image/jpeg'), tiles: z.array(z.string()) })
    .optional()
    .describe('Present when a storyboard was asked for: what each tile of the attached image shows, in order.'),
  moment_still: z
    .object({ mime_type: z.literal('image/jpeg'), label: z.string(), width: z.number(), height: z.number() })
    .optional()
    .describe('Present when a moment was asked for: which moment the attached JPEG shows, and when.'),
});
export const getStateOutput = toolOutput(LetterState);

const loudnessOf = (e: ExportInfo) =>
  e.loudness
    ? ` (sound at ${e.loudness.integratedLufs.toFixed(1)} LUFS, true peak ${e.loudness.truePeakDbtp.toFixed(1)} dBTP)`
    : '';

function describeRender(j: RenderJobInfo): string {
  const detail =
    j.status === 'done' ? `: ${j.path}` : j.status === 'rendering' ? ` (${j.percent}%)` : j.error ? `: ${j.error}` : '';
  return `Render ${j.jobId} (${j.quality}) ${j.status}${detail}`;
}

/** The letter's state in the snake_case agents see: get_state's structured content and the state resource. */
export function stateOut(s: ProjectState): z.input<typeof LetterState> {
  return {
    project_id: s.projectId,
    backend: s.backend,
    summary: s.summary,
    timeline: s.timeline,
    moments: s.timeline ? momentsOf(s.timeline) : [],
    voices: s.timeline ? voicesOf(s.timeline) : [],
    media: s.media.map(mediaOut),
    last_export: s.lastExport ? exportOut(s.lastExport) : null,
    renders: s.renders.map(renderJobOut),
    ...(s.setAside && {
      set_aside: s.setAside.map((p) => ({
        media_id: p.mediaId,
        file_name: p.fileName,
        reason: p.reason,
        sentence: p.sentence,
      })),
    }),
    ...(s.capabilities && { capabilities: s.capabilities }),
  };
}

export type StateResult = ToolResult<z.input<typeof LetterState>>;

export async function getState(deps: ToolDeps, args: Args): Promise<StateResult> {
  return guarded(deps.log, 'get_state', async () => {
    const s = shownState(deps.policy, await deps.backend.state(args.project_id));
    const lines = [
      s.summary,
      ...(s.timeline ? describeMoments(s.timeline) : []),
      `Media: ${s.media.map((m) => `${m.fileName} (${m.kind}, ${m.id})`).join(', ') || 'none'}.`,
      ...s.media.flatMap((m) =>
        m.transcript ? [`Voice recording ${m.fileName}: ${describeTranscript(m.transcript)}`] : [],
      ),
      ...describePictures(s.media),
      ...(s.setAside?.length
        ? [
            `Set aside, not playing: ${s.setAside.map((p) => p.sentence).join('; ')}. ` +
              `Bring one back by name, or say "use all the photos".`,
          ]
        : []),
      ...(s.capabilities ?? []).flatMap((c) => (c.available ? [] : [`Not on this computer: ${c.sentence}`])),
      s.lastExport ? `Last export: ${s.lastExport.path}${loudnessOf(s.lastExport)}` : 'Not exported yet.',
      ...s.renders.slice(-3).map(describeRender),
    ];
    const board = args.storyboard ? await storyboardOf(deps, args.project_id) : undefined;
    if (board?.note) lines.push(board.note);
    const still = args.moment ? await stillOf(deps, args.project_id, args.moment) : undefined;
    if (still?.note) lines.push(still.note);
    return done(
      lines.join('\n'),
      {
        ...stateOut(s),
        ...(board?.sheet && { storyboard: { mime_type: board.sheet.mimeType, tiles: board.sheet.tiles } }),
        ...(still?.image && {
          moment_still: {
            mime_type: 'image/jpeg',
            label: still.image.label,
            width: still.image.width,
            height: still.image.height,
          },
        }),
      },
      [
        ...(board?.sheet
          ? [{ type: 'image' as const, data: board.sheet.image.toString('base64'), mimeType: board.sheet.mimeType }]
          : []),
        ...(still?.image
          ? [{ type: 'image' as const, data: still.image.jpeg.toString('base64'), mimeType: 'image/jpeg' }]
          : []),
      ],
    );
  });
}

/** One moment's still when the engine can draw one, else a sentence saying why there is none. */
async function stillOf(
  deps: ToolDeps,
  projectId: string,
  moment: MomentRef,
): Promise<{ image?: MomentStill; note?: string }> {
  if (!deps.backend.momentStill)
    return { note: `No still: the ${deps.backend.name} engine cannot draw one; export a preview instead.` };
  const image = await deps.backend.momentStill(projectId, moment);
  return { image, note: `Still attached: ${image.label}, ${image.width}x${image.height}.` };
}

/** The storyboard when the engine can draw one, else a sentence saying why there is none. */
async function storyboardOf(deps: ToolDeps, projectId: string): Promise<{ sheet?: Storyboard; note?: string }> {
  if (!deps.backend.storyboard)
    return { note: `No storyboard: the ${deps.backend.name} engine cannot draw one; export a preview instead.` };
  try {
    const sheet = await deps.backend.storyboard(projectId);
    return { sheet, note: `Storyboard attached: ${sheet.tiles.join(' | ')}.` };
  } catch (e) {
    // A letter with nothing to show yet still gets its state; the sentence says what is missing.
    if (isLetterError(e)) return { note: `No storyboard: ${e.message}` };
    throw e;
  }
}

export function registerGetStateTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'get_state',
    {
      title: 'Show the letter: timeline, media, exports',
      description:
        'Reads the letter without changing it: the timeline as tracks (video, audio, text) with timed segments, the uploaded ' +
        'media, render jobs and the last export, plus a one-line summary such as ' +
        '`Timeline (3 tracks): 1. Video: 3 photos (0-18s) 2. BGM: Warm (0-18s, 35%) 3. Title: "Dear Mom" (0-3s)`. ' +
        'Call it to check the letter before exporting (with storyboard: true to see its key frames as one image), or to see ' +
        'whether a render has finished.',
      inputSchema: getStateInput,
      outputSchema: getStateOutput,
      icons: iconsOf('get_state'),
      annotations: annotations(deps, { readOnlyHint: true, destructiveHint: false, idempotentHint: true }),
      _meta: playerToolMeta,
    },
    async (args) => present(await getState(deps, args)),
  );
}
