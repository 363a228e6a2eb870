import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import type { CallContext, LetterRequest } from '../../core/backend.js';
import { iconsOf } from '../icons.js';
import { annotations, type ToolDeps } from './deps.js';
import { done, guarded, present, withProgress, type ToolResult } from './reply.js';
import { toolOutput } from './outcomes.js';
import { Aspect, Timeline } from './shapes.js';
import { LookStyle, MOODS_SENTENCE, MusicMood, TextPosition } from '../../core/timeline/model.js';
import { EditOperation } from '../../core/timeline/operations.js';

export const generateLetterInput = {
  project_id: z.string().describe('The letter, as returned by upload_media.'),
  instruction: z
    .string()
    .optional()
    .describe(
      "What to make or change, in plain language (English or Chinese), the person's own words are fine. Several wishes in " +
        'one sentence are each done, and the reply says per wish what was done or why not, e.g. "swap the first two photos ' +
        'and put \'our first home\' on the beach one", "make it vertical and the music quieter". Questions, thanks and ' +
        '"don\'t …" change nothing. A wish that could mean two things ("make it longer") changes nothing and the reply gives ' +
        'each reading as edits ready to send; a wish not understood gets the closest edits.',
    ),
  edits: z
    .array(EditOperation)
    .max(50)
    .optional()
    .describe(
      'Exact edits, applied in order after the instruction and fields, all or none (one undo step). Moments (photos and clips) ' +
        'are addressed as get_state lists them: {"id":"..."}, {"file":"beach.jpg"} or {"position":2|"last"}. Examples: ' +
        '{"op":"caption","moment":{"file":"beach.jpg"},"text":"Our summer"}, {"op":"hold","moment":{"position":1},"to":6}, ' +
        '{"op":"music_level","change":"softer"}, {"op":"voice_place","at":"end"}, {"op":"fade","at":"end"}, ' +
        '{"op":"text_look","target":"captions","size":{"change":"bigger"},"colour":"gold"}, {"op":"theme","theme":"birthday"}, {"op":"undo"}.',
    ),
  message: z.string().optional().describe("The letter's message, shown on screen over the photos, paced for reading."),
  title: z.string().optional().describe('Title card text, e.g. "Dear Grandma". Empty string removes it.'),
  closing: z.string().optional().describe('Closing card text, e.g. "With love, Anna". Empty string removes it.'),
  photo_order: z.array(z.string()).optional().describe('Photos in the order to show them, by media id or file name.'),
  music: z
    .object({
      enabled: z.boolean().optional(),
      volume: z.number().min(0).max(1).optional().describe('0..1; default 0.35'),
      mood: z
        .enum(MusicMood.options, {
          error: (issue) =>
            `"${String(issue.input)}" is not a music mood; choose ${MOODS_SENTENCE}, or upload a song with upload_media (role "music").`,
        })
        .optional()
        .describe(MOODS_SENTENCE),
    })
    .optional()
    .describe('Background music on/off, volume and mood.'),
  voice: z
    .boolean()
    .optional()
    .describe('Play the uploaded voice recording (true, the default when one was uploaded) or leave it out (false).'),
  narration: z
    .boolean()
    .optional()
    .describe(
      'Read the message aloud with a synthesized voice (offline, English, Chinese and more), each caption on screen while it is spoken; the letter lengthens to fit. It takes the place of a voice recording while on. Default false.',
    ),
  captions: z
    .enum(['message', 'voice'])
    .optional()
    .describe(
      'What the on-screen lines say: "message" (the typed message, paced for reading; the default) or "voice" (the words of the voice ' +
        'recording, transcribed offline, each line on screen while it is spoken, and in the .srt). The typed message is kept either way.',
    ),
  pace: z
    .number()
    .min(0.5)
    .max(2)
    .optional()
    .describe(
      'Reading pace: 1 = about 180 words a minute; 1.25 keeps each line a quarter longer on screen; 0.8 is faster.',
    ),
  length_seconds: z
    .number()
    .min(6)
    .max(600)
    .nullable()
    .optional()
    .describe('Total length in seconds (never shorter than the text and voice need); null to let them decide.'),
  style: LookStyle.optional().describe('Colour look: natural, warm, black-and-white or vintage.'),
  text_position: TextPosition.optional().describe('Where the message lines sit: bottom (default), center or top.'),
  clips: z
    .object({
      max_seconds: z
        .number()
        .positive()
        .max(600)
        .optional()
        .describe('Longest a clip plays, in seconds; default 15 (a longer clip plays its first 15 s).'),
      volume: z
        .number()
        .min(0)
        .max(2)
        .optional()
        .describe("Level of the clips' own sound: 1 = as recorded (default), 0 = muted."),
    })
    .optional()
    .describe('How video clips play: how long at most, and how loud their own sound is.'),
  aspect: Aspect.optional().describe(
    '16:9 (landscape, 1920x1080), 9:16 (vertical, 1080x1920) or 1:1 (square, 1080x1080).',
  ),
};
type Args = z.infer<z.ZodObject<typeof generateLetterInput>>;

const LetterMade = z.object({
  project_id: z.string(),
  changes: z.array(z.string()).describe('One sentence per change made; empty when nothing changed.'),
  reply: z.string(),
  summary: z.string(),
  timeline: Timeline,
});
export const generateLetterOutput = toolOutput(LetterMade);

export function toLetterRequest(args: Args): LetterRequest {
  return {
    ...(args.instruction !== undefined && { instruction: args.instruction }),
    ...(args.edits !== undefined && { edits: args.edits }),
    ...(args.message !== undefined && { message: args.message }),
    ...(args.title !== undefined && { title: args.title }),
    ...(args.closing !== undefined && { closing: args.closing }),
    ...(args.photo_order !== undefined && { photoOrder: args.photo_order }),
    ...(args.music !== undefined && { music: args.music }),
    ...(args.voice !== undefined && { voice: args.voice }),
    ...(args.narration !== undefined && { narration: args.narration }),
    ...(args.captions !== undefined && { captions: args.captions }),
    ...(args.pace !== undefined && { pace: args.pace }),
    ...(args.length_seconds !== undefined && { lengthSeconds: args.length_seconds }),
    ...(args.style !== undefined && { style: args.style }),
    ...(args.text_position !== undefined && { textPosition: args.text_position }),
    ...(args.aspect !== undefined && { aspect: args.aspect }),
    ...(args.clips !== undefined && {
      clips: {
        ...(args.clips.max_seconds !== undefined && { maxSeconds: args.clips.max_seconds }),
        ...(args.clips.volume !== undefined && { volume: args.clips.volume }),
      },
    }),
  };
}

export type LetterMadeResult = ToolResult<z.input<typeof LetterMade>>;

export async function generateLetter(deps: ToolDeps, args: Args, ctx: CallContext): Promise<LetterMadeResult> {
  return guarded(deps.log, 'generate_letter', async () => {
    const r = await deps.backend.generate(args.project_id, toLetterRequest(args), ctx);
    const made: z.input<typeof LetterMade> = {
      project_id: r.projectId,
      changes: r.changes,
      reply: r.reply,
      summary: r.summary,
      timeline: r.timeline,
    };
    return done(`${r.reply}\n${r.summary}`, made);
  });
}

export function registerGenerateLetterTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'generate_letter',
    {
      title: 'Make or edit the video letter',
      description:
        'Builds the letter from the uploaded photos, clips, message and voice recording, or edits it. Call it after uploading, ' +
        'and again for every change the person asks for. Say it as an "instruction" in plain language, or send exact "edits", ' +
        'and/or the structured fields (message, title, closing, photo_order, music, voice, narration, captions, pace, ' +
        'length_seconds, style, text_position, aspect, clips); all of them apply together, all or none, as one undo step. ' +
        'Everyday instructions it understands (English or 中文): "change the title to Happy 80th Birthday Grandma", ' +
        '"sign it from Anna, Tom and the kids", "swap the first two photos", "put the beach photo first", ' +
        '"put \'our first home\' on the beach photo", "hold the beach photo for 6 seconds", "make each photo stay a bit ' +
        'longer", "only the first two seconds of the clip", "move the voice message to the end", "make the voice louder ' +
        'than the music", "calmer music", "bring the music back, something upbeat", "bigger captions", "make the title ' +
        'bigger", "change \'see you soon\' to \'see you at Christmas\'", "add a line at the end: We miss you", "fade to ' +
        'black at the end", "make it vertical", "make it a birthday letter", "标题改成 生日快乐", "把录音放到最后", "undo" / "撤销". ' +
        'A message that opens "Dear …," and ends "With love, …" puts them on the title and closing cards. Returns what ' +
        'changed (per wish when there were several) and a one-line summary of the timeline. It does not render: call ' +
        'export_video for the MP4. Nothing is changed on a guess: a wish not understood, or one with two readings, gets ' +
        'the closest edits, ready to send back as "edits".',
      inputSchema: generateLetterInput,
      outputSchema: generateLetterOutput,
      icons: iconsOf('generate_letter'),
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: true, idempotentHint: false }),
    },
    async (args, ctx) => present(await withProgress(ctx, (call) => generateLetter(deps, args, call))),
  );
}
