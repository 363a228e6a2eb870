import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ACCEPTED_SENTENCE } from '../media/formats.js';
import type { CallContext } from '../backends/backend.js';
import { annotations, type ToolDeps } from './deps.js';
import { guarded, reply, withProgress } from './reply.js';
import { ErrorShape, MediaShape, describeSize, mediaOut } from './shapes.js';

export const uploadMediaInput = {
  project_id: z.string().optional().describe('The letter to add to. Leave out to start a new letter; the reply gives its project_id.'),
  path: z.string().optional().describe('Absolute path of a file on this computer (photos, clips, audio, or a .txt with the message).'),
  content_base64: z.string().optional().describe('The file content as base64, when the file is not on this computer. Needs file_name.'),
  file_name: z.string().optional().describe('Name of the file, e.g. "beach.jpg". Required with content_base64.'),
  url: z.string().url().optional().describe('A public https URL of the file, fetched by the server (over HTTP, or with the cloud backend). Best for large files.'),
  role: z.enum(['voice', 'music']).optional().describe(
    'For an audio file: "voice" (a recording of the sender: plays in full from the start, the letter lengthens to fit it and the music dips under it) ' +
    'or "music" (replaces the built-in music, looped or trimmed with fades). Left out, a file named like music (song, music, bgm, soundtrack) is music and any other audio is a voice recording.',
  ),
};
const Args = z.object(uploadMediaInput);

export const uploadMediaOutput = {
  project_id: z.string().optional(),
  media: MediaShape.optional(),
  note: z.string().optional(),
  error: ErrorShape,
};

export async function uploadMedia(deps: ToolDeps, args: z.infer<typeof Args>, ctx: CallContext) {
  return guarded(deps.log, 'upload_media', async () => {
    const result = await deps.backend.upload(
      {
        ...(args.project_id && { projectId: args.project_id }),
        ...(args.path && { path: args.path }),
        ...(args.content_base64 !== undefined && { contentBase64: args.content_base64 }),
        ...(args.file_name && { fileName: args.file_name }),
        ...(args.url && { url: args.url }),
        ...(args.role && { role: args.role }),
      },
      ctx,
    );
    const m = result.media;
    const facts = [
      m.width && m.height ? `${m.width}x${m.height}` : '',
      m.durationSeconds ? `${m.durationSeconds.toFixed(1)} s` : '',
      describeSize(m.sizeBytes),
    ].filter(Boolean).join(', ');
    const text = `Stored ${m.kind === 'audio' && result.role ? `${result.role === 'voice' ? 'voice recording' : 'music'}` : m.kind} "${m.fileName}" (${m.format}, ${facts}) as ${m.id} in project ${result.projectId}.` +
      (result.note ? ` ${result.note}` : '');
    return reply(text, { project_id: result.projectId, media: mediaOut(m), ...(result.note && { note: result.note }) });
  });
}

export function registerUploadMediaTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'upload_media',
    {
      title: 'Upload a photo, clip, voice recording or message',
      description:
        'Adds one file to a video letter. Call it once per file before generate_letter. Pass "path" for a file on this ' +
        'computer, or "content_base64" with "file_name". Leave out project_id for the first file: a new letter is created ' +
        'and its project_id returned; pass that project_id for every later file. Files are judged by their content, not their ' +
        `name. A .txt file becomes the letter's message. ${ACCEPTED_SENTENCE} The local engine also takes HEIC/HEIF photos (iPhone).`,
      inputSchema: uploadMediaInput,
      outputSchema: uploadMediaOutput,
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: false, idempotentHint: false }),
    },
    (args, extra) => withProgress(extra, (ctx) => uploadMedia(deps, args, ctx)),
  );
}
