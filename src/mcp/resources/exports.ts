import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ResourceTemplate } from '@modelcontextprotocol/server';
import type { McpServer, Resource } from '@modelcontextprotocol/server';
import type { Backend, ProjectState, RenderJobInfo } from '../../core/backend.js';
import { completeProjectId, letterName, letterUri, listLetters, notFound, stateFor, variable } from './letters.js';

/** A finished render whose file is still on disk, with its size. */
type FinishedExport = Pick<RenderJobInfo, 'jobId' | 'quality' | 'captionsPath'> & { path: string; sizeBytes: number };

/** The letter's finished exports whose files are still on disk, oldest first. */
async function finishedExports(state: ProjectState): Promise<FinishedExport[]> {
  const found: FinishedExport[] = [];
  for (const job of state.renders) {
    if (job.status !== 'done' || !job.path) continue;
    const stat = await fs.stat(job.path).catch(() => undefined);
    if (stat)
      found.push({
        jobId: job.jobId,
        quality: job.quality,
        path: job.path,
        sizeBytes: stat.size,
        ...(job.captionsPath && { captionsPath: job.captionsPath }),
      });
  }
  return found;
}

async function exportFor(backend: Backend, uri: URL, projectId: string, jobId: string): Promise<FinishedExport> {
  const state = await stateFor(backend, projectId, uri.href);
  const found = (await finishedExports(state)).find((e) => e.jobId === jobId);
  if (!found)
    throw notFound(
      uri.href,
      `Letter ${projectId} has no finished export "${jobId}" on disk. Its exports are listed by get_state; export_video makes a new one.`,
    );
  return found;
}

const completeJobId = (backend: Backend) => async (value: string, context?: { arguments?: Record<string, string> }) => {
  const projectId = context?.arguments?.project_id;
  if (!projectId) return [];
  const state = await backend.state(projectId).catch(() => undefined);
  return state ? (await finishedExports(state)).map((e) => e.jobId).filter((id) => id.startsWith(value)) : [];
};

/**
 * A video is read in parts of 512 KiB: as base64 in a JSON-RPC message a part stays under the
 * 1 MiB a client may take in one message (the Python SDK's SSE limit; the TypeScript SDK's stdio
 * reader stops at 10 MB, less than one 1080p letter), so no letter's size can break a connection.
 */
export const VIDEO_PART_BYTES = 512 * 1024;

/** The bytes of one part of a file (1-based), read without loading the rest. */
async function readPart(file: string, part: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(VIDEO_PART_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, VIDEO_PART_BYTES, (part - 1) * VIDEO_PART_BYTES);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What reading a video answers: its parts in order as a uri-list, with a sentence on how to join them. */
function partsList(uri: string, projectId: string, found: FinishedExport) {
  const parts = Math.max(1, Math.ceil(found.sizeBytes / VIDEO_PART_BYTES));
  const text = [
    `# The video letter (${found.sizeBytes} bytes) is read in ${parts} parts of at most ${VIDEO_PART_BYTES} bytes, so no message is too large for a client; read each part URI in order and join their bytes to get the MP4.`,
    ...Array.from({ length: parts }, (_, i) => letterUri.videoPart(projectId, found.jobId, i + 1)),
  ].join('\r\n');
  return {
    contents: [
      { uri, mimeType: 'text/uri-list', text, _meta: { size: found.sizeBytes, parts, partBytes: VIDEO_PART_BYTES } },
    ],
  };
}

/**
 * `letter://<id>/video/<job_id>` (the MP4's parts, its size in the listing), each part at
 * `letter://<id>/video/<job_id>/part/<n>` (a blob), and
 * `letter://<id>/captions/<job_id>` (the on-screen words as SubRip) for every finished export.
 */
export function registerExportResources(server: McpServer, backend: Backend): void {
  const complete = { project_id: completeProjectId(backend), job_id: completeJobId(backend) };
  const listed = (state: ProjectState, entry: (e: FinishedExport) => Resource | undefined) =>
    finishedExports(state).then((all) => all.map(entry).filter((r): r is Resource => r !== undefined));

  server.registerResource(
    'letter-video',
    new ResourceTemplate(letterUri.video('{project_id}', '{job_id}'), {
      list: () =>
        listLetters(backend, (s) =>
          listed(s, (e) => ({
            uri: letterUri.video(s.projectId, e.jobId),
            name: path.basename(e.path),
            title: `${letterName(s)}, ${e.quality === 'preview' ? '540p preview' : 'final video'}`,
            mimeType: 'video/mp4',
            size: e.sizeBytes,
          })),
        ),
      complete,
    }),
    {
      title: 'A finished video letter',
      description:
        'The exported MP4 (H.264 + AAC). Reading it gives the URIs of its parts (text/uri-list, 512 KiB each); reading the parts in order and joining their bytes gives the MP4.',
      mimeType: 'video/mp4',
    },
    async (uri, variables) => {
      const projectId = variable(variables, 'project_id');
      return partsList(uri.href, projectId, await exportFor(backend, uri, projectId, variable(variables, 'job_id')));
    },
  );

  server.registerResource(
    'letter-video-part',
    new ResourceTemplate(letterUri.videoPart('{project_id}', '{job_id}', '{part}'), { list: undefined, complete }),
    {
      title: 'A part of a finished video letter',
      description: 'The bytes of one part of the MP4 (512 KiB, the last one shorter), as a blob.',
      mimeType: 'application/octet-stream',
    },
    async (uri, variables) => {
      const found = await exportFor(backend, uri, variable(variables, 'project_id'), variable(variables, 'job_id'));
      const parts = Math.max(1, Math.ceil(found.sizeBytes / VIDEO_PART_BYTES));
      const part = Number(variable(variables, 'part'));
      if (!Number.isInteger(part) || part < 1 || part > parts)
        throw notFound(
          uri.href,
          `Export ${found.jobId} has parts 1 to ${parts}; there is no part "${variable(variables, 'part')}".`,
        );
      const bytes = await readPart(found.path, part);
      return { contents: [{ uri: uri.href, mimeType: 'application/octet-stream', blob: bytes.toString('base64') }] };
    },
  );

  server.registerResource(
    'letter-captions',
    new ResourceTemplate(letterUri.captions('{project_id}', '{job_id}'), {
      list: () =>
        listLetters(backend, (s) =>
          listed(s, (e) =>
            e.captionsPath
              ? {
                  uri: letterUri.captions(s.projectId, e.jobId),
                  name: path.basename(e.captionsPath),
                  title: `Captions of ${letterName(s)} (${e.quality})`,
                  mimeType: 'application/x-subrip',
                }
              : undefined,
          ),
        ),
      complete,
    }),
    {
      title: "A video letter's captions",
      description: 'The words on screen, timed, as a SubRip (.srt) file beside the MP4.',
      mimeType: 'application/x-subrip',
    },
    async (uri, variables) => {
      const found = await exportFor(backend, uri, variable(variables, 'project_id'), variable(variables, 'job_id'));
      const text = found.captionsPath
        ? await fs.readFile(found.captionsPath, 'utf8').catch(() => undefined)
        : undefined;
      if (text === undefined)
        throw notFound(uri.href, `Export ${found.jobId} has no captions: the letter had no words on screen.`);
      return { contents: [{ uri: uri.href, mimeType: 'application/x-subrip', text }] };
    },
  );
}
