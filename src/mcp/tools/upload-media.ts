import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import { isLetterError, LetterError } from '../../core/errors.js';
import { ACCEPTED_SENTENCE, LOCAL_ACCEPTED_SENTENCE } from '../../core/media/formats.js';
import { listFolder } from '../folder.js';
import type { CallContext, Progress, UploadInput, UploadResult } from '../../core/backend.js';
import { iconsOf } from '../icons.js';
import { annotations, type ToolDeps } from './deps.js';
import { done, failed, guarded, present, withProgress, type ToolResult } from './reply.js';
import { base64Bound, callerGate, type CallerGate } from '../caller-policy.js';
import { toolOutput } from './outcomes.js';
import { MediaShape, describeSize, describeTranscript, mediaOut } from './shapes.js';

export const uploadMediaInput = {
  project_id: z
    .string()
    .optional()
    .describe('The letter to add to. Leave out to start a new letter; the reply gives its project_id.'),
  path: z
    .string()
    .optional()
    .describe(
      'Absolute path of a file on this computer (photos, clips, audio, or a .txt with the message), or of a folder: every photo, ' +
        'clip and recording directly in it is added, and what cannot be used is skipped with the reason.',
    ),
  order: z
    .enum(['auto', 'name', 'date'])
    .optional()
    .describe(
      'For a folder: "name" (natural order: photo 2 before photo 10), "date" (by the date each photo was taken, from EXIF; ' +
        'files without one follow by name), or "auto" (the default: by date when every photo and clip has a date taken, else by name).',
    ),
  content_base64: z
    .string()
    .optional()
    .describe('The file content as base64, when the file is not on this computer. Needs file_name.'),
  file_name: z.string().optional().describe('Name of the file, e.g. "beach.jpg". Required with content_base64.'),
  url: z
    .string()
    .url()
    .optional()
    .describe(
      'A public https URL of the file, fetched by the server (over HTTP, or with the cloud backend). Best for large files.',
    ),
  role: z
    .enum(['voice', 'music'])
    .optional()
    .describe(
      'For an audio file: "voice" (a recording of the sender: plays in full from the start, the letter lengthens to fit it and the music dips under it) ' +
        'or "music" (replaces the built-in music, looped or trimmed with fades). Left out, a file named like music (song, music, bgm, soundtrack) is music and any other audio is a voice recording.',
    ),
};
type Args = z.infer<z.ZodObject<typeof uploadMediaInput>>;

const SkippedShape = z.object({ file_name: z.string(), code: z.string(), reason: z.string() });

const Stored = z.object({
  project_id: z.string(),
  media: MediaShape.describe('For one file: what was stored.'),
  note: z.string().optional(),
});
const FolderAdded = z.object({
  project_id: z.string(),
  folder: z.string().describe('For a folder: its path.'),
  order: z.enum(['name', 'date']).describe('For a folder: the order its files were added in.'),
  added: z.array(MediaShape).describe('For a folder: what was added, in order.'),
  skipped: z.array(SkippedShape).describe('For a folder: what was not added, and why.'),
});
export const uploadMediaOutput = toolOutput(Stored, FolderAdded);
type Uploaded = z.input<typeof Stored> | z.input<typeof FolderAdded>;
export type UploadedResult = ToolResult<Uploaded>;

/** One line for a stored file: what it is, its facts, and where it went. */
function storedLine(result: UploadResult): string {
  const m = result.media;
  const facts = [
    m.width && m.height ? `${m.width}x${m.height}` : '',
    m.durationSeconds ? `${m.durationSeconds.toFixed(1)} s` : '',
    describeSize(m.sizeBytes),
  ]
    .filter(Boolean)
    .join(', ');
  const what = m.kind === 'audio' && result.role ? (result.role === 'voice' ? 'voice recording' : 'music') : m.kind;
  return `${what} "${m.fileName}" (${m.format}, ${facts}) as ${m.id}`;
}

/** The line, then what the backend noted and the words heard in a voice recording. */
const withNote = (line: string, result: UploadResult) =>
  [line, result.note, result.media.transcript && describeTranscript(result.media.transcript)].filter(Boolean).join(' ');

const uploadInput = (args: Args, projectId: string | undefined): UploadInput => ({
  ...(projectId && { projectId }),
  ...(args.path && { path: args.path }),
  ...(args.content_base64 !== undefined && { contentBase64: args.content_base64 }),
  ...(args.file_name && { fileName: args.file_name }),
  ...(args.url && { url: args.url }),
  ...(args.role && { role: args.role }),
});

/** A skip reason on one line: the sentence about the file, without the list of accepted formats said once at the end. */
const shortReason = (message: string) =>
  message.replace(LOCAL_ACCEPTED_SENTENCE, '').replace(ACCEPTED_SENTENCE, '').trim();

/**
 * Adds every file directly in a folder, in order, one at a time. A file that cannot be used is
 * skipped with its reason and the rest go on; the backend refuses a bad file before changing
 * anything, so nothing already stored is lost.
 */
async function uploadFolder(
  deps: ToolDeps,
  gate: CallerGate,
  args: Args,
  dir: string,
  ctx: CallContext,
): Promise<UploadedResult> {
  const listing = await listFolder(dir, args.order ?? 'auto', (entry) => gate.admit(entry));
  const added: UploadResult[] = [];
  const skipped = listing.skipped.map((s) => ({ file_name: s.name, code: 'unsupported_file', reason: s.reason }));
  let projectId = args.project_id;
  const n = listing.files.length;
  let looked = 0;
  for (const [i, file] of listing.files.entries()) {
    if (ctx.signal.aborted) break;
    looked++;
    const slice = (p: Progress) =>
      ctx.progress({
        percent: Math.floor(((i + p.percent / 100) / n) * 100),
        message: `${file.name} (${i + 1} of ${n}): ${p.message}`,
      });
    slice({ percent: 0, message: 'adding' });
    try {
      const one = { path: file.path, file_name: file.name, ...(args.role && { role: args.role }) };
      const result = await deps.backend.upload(uploadInput(one, projectId), { signal: ctx.signal, progress: slice });
      added.push(result);
      projectId ??= result.projectId;
    } catch (e) {
      // A letter that is gone is no one file's fault: say so once rather than once a file.
      if (isLetterError(e) && e.code === 'project_not_found') throw e;
      if (!isLetterError(e)) deps.log.error({ err: e, file: file.path }, 'a file of a folder failed unexpectedly');
      skipped.push({
        file_name: file.name,
        code: isLetterError(e) ? e.code : 'internal',
        reason: isLetterError(e) ? shortReason(e.message) : `could not be read: ${(e as Error)?.message ?? String(e)}`,
      });
    }
  }
  const skippedLines = skipped.map(
    (s) => `- ${s.reason.startsWith(`"${s.file_name}"`) ? s.reason : `"${s.file_name}" ${s.reason}`}`,
  );
  const accepted = deps.backend.name === 'local' ? LOCAL_ACCEPTED_SENTENCE : ACCEPTED_SENTENCE;
  const folderFacts = { folder: dir, order: listing.order, added: added.map((r) => mediaOut(r.media)), skipped };
  if (added.length === 0) {
    const message =
      `Nothing in "${dir}" could be added` +
      (skipped.length ? `:\n${skippedLines.join('\n')}\n${accepted}` : `: it has no files in it. ${accepted}`);
    return failed<Uploaded>('nothing_added', message, folderFacts);
  }
  const orderWords = listing.order === 'date' ? 'in the order the photos were taken' : 'in name order';
  const text = [
    `Added ${added.length} of ${added.length + skipped.length} files from "${dir}" to project ${projectId}, ${orderWords}:`,
    ...added.map((r, k) => withNote(`${k + 1}. ${storedLine(r)}.`, r)),
    ...(looked < n ? [`Stopped when the call was cancelled; ${n - looked} files were not looked at.`] : []),
    ...(skipped.length ? [`Skipped ${skipped.length}:`, ...skippedLines, accepted] : []),
  ].join('\n');
  const folderAdded: z.input<typeof FolderAdded> = { project_id: projectId!, ...folderFacts };
  return done(text, folderAdded);
}

/** One file the policy let through: by its real path, by base64 within the bound, or fetched from a link. */
async function uploadOne(
  deps: ToolDeps,
  gate: CallerGate,
  args: Args,
  where: string | undefined,
  ctx: CallContext,
): Promise<UploadResult> {
  if (args.content_base64 !== undefined && args.content_base64.length > gate.policy.base64MaxChars)
    throw new LetterError('file_too_large', base64Bound(gate.policy));
  // The file is read where its links lead, under the name the person gave it.
  if (args.path && where)
    return deps.backend.upload(
      uploadInput({ ...args, path: where, file_name: args.file_name ?? path.basename(args.path) }, args.project_id),
      ctx,
    );
  const fetched = args.url && deps.backend.name === 'local' ? await gate.fetchLink(args.url, ctx.signal) : undefined;
  if (!fetched) return deps.backend.upload(uploadInput(args, args.project_id), ctx);
  try {
    const { url: _url, ...rest } = args;
    const local = { ...rest, path: fetched.file, file_name: args.file_name ?? fetched.fileName };
    return await deps.backend.upload(uploadInput(local, args.project_id), ctx);
  } finally {
    await fetched.done();
  }
}

export async function uploadMedia(
  deps: ToolDeps,
  args: Args,
  ctx: CallContext,
  gate: CallerGate,
): Promise<UploadedResult> {
  return guarded(deps.log, 'upload_media', async () => {
    await gate.policy.quotas?.beforeUpload();
    const where = args.path === undefined ? undefined : await gate.admit(args.path);
    if (where && (await fs.stat(where).catch(() => undefined))?.isDirectory())
      return uploadFolder(deps, gate, args, where, ctx);
    const result = await uploadOne(deps, gate, args, where, ctx);
    const stored: z.input<typeof Stored> = {
      project_id: result.projectId,
      media: mediaOut(result.media),
      ...(result.note && { note: result.note }),
    };
    return done(withNote(`Stored ${storedLine(result)} in project ${result.projectId}.`, result), stored);
  });
}

export function registerUploadMediaTool(server: McpServer, deps: ToolDeps): void {
  const gate = callerGate(server, deps.policy);
  server.registerTool(
    'upload_media',
    {
      title: 'Upload a photo, clip, voice recording or message, or a folder of them',
      description:
        'Adds a file, or every file in a folder, to a video letter. Call it before generate_letter. Pass "path" for a file or ' +
        'a folder on this computer (a folder adds every photo, clip and recording directly in it, by date taken when every ' +
        'photo has one, else by name; "order" chooses; files it cannot use are skipped with one line each), or ' +
        `"content_base64" with "file_name" (${base64Bound(deps.policy)}). When the client shares roots, paths outside them are refused. ` +
        'Leave out project_id for the first file: a new letter is created ' +
        'and its project_id returned; pass that project_id for every later file. Files are judged by their content, not their ' +
        `name. A .txt file becomes the letter's message. ${ACCEPTED_SENTENCE} The local engine also takes HEIC/HEIF photos (iPhone).`,
      inputSchema: uploadMediaInput,
      outputSchema: uploadMediaOutput,
      icons: iconsOf('upload_media'),
      annotations: annotations(deps, { readOnlyHint: false, destructiveHint: false, idempotentHint: false }),
    },
    async (args, ctx) => present(await withProgress(ctx, (call) => uploadMedia(deps, args, call, gate))),
  );
}
