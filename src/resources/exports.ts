import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import type { Backend, ProjectState } from '../backends/backend.js';
import { completeProjectId, letterName, letterUri, listLetters, notFound, stateFor, variable } from './letters.js';

interface FinishedExport {
  jobId: string;
  quality: string;
  path: string;
  captionsPath?: string;
  sizeBytes: number;
}

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
 * `letter://<id>/video/<job_id>` (the MP4, read as a blob, its size in the listing) and
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
      description: 'The exported MP4 (H.264 + AAC), as a blob.',
      mimeType: 'video/mp4',
    },
    async (uri, variables) => {
      const found = await exportFor(backend, uri, variable(variables, 'project_id'), variable(variables, 'job_id'));
      const bytes = await fs.readFile(found.path);
      return { contents: [{ uri: uri.href, mimeType: 'video/mp4', blob: bytes.toString('base64') }] };
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
