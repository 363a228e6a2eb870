import { ProtocolError, ResourceNotFoundError } from '@modelcontextprotocol/server';
import type {
  CompleteResourceTemplateCallback,
  Variables,
  ListResourcesResult,
  Resource,
} from '@modelcontextprotocol/server';
import type { Backend, ProjectState } from '../../core/backend.js';
import { isLetterError } from '../../core/errors.js';

/**
 * Every letter is a family of `letter://<project_id>/…` resources: its state, its storyboard, and
 * each finished export's video and captions. Engines that cannot list their letters (the cloud)
 * have none in the list, but each one can still be read by its URI.
 */
export const letterUri = {
  state: (projectId: string) => `letter://${projectId}/state`,
  storyboard: (projectId: string) => `letter://${projectId}/storyboard.jpg`,
  video: (projectId: string, jobId: string) => `letter://${projectId}/video/${jobId}`,
  videoPart: (projectId: string, jobId: string, part: number | string) =>
    `letter://${projectId}/video/${jobId}/part/${part}`,
  captions: (projectId: string, jobId: string) => `letter://${projectId}/captions/${jobId}`,
};

export const belongsTo = (uri: string, projectId: string) => uri.startsWith(`letter://${projectId}/`);

/**
 * "Resource not found" as the SDK sends it: -32602 with the uri in `data` on every era (the
 * 2026-07-28 spec's code; clients accept it and the older -32002 alike).
 */
export function notFound(uri: string, sentence: string): ProtocolError {
  return new ResourceNotFoundError(uri, sentence);
}

/** One URI variable as a string (a template variable may come as a list). */
export function variable(variables: Variables, name: string): string {
  const value = variables[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Completion of project ids from what has been typed so far. */
export function completeProjectId(backend: Backend): CompleteResourceTemplateCallback {
  return async (value) => ((await backend.letters?.()) ?? []).filter((id) => id.startsWith(value)).sort();
}

/** A letter's state, turning "no such letter" into the resource error a client expects. */
export async function stateFor(backend: Backend, projectId: string, uri: string): Promise<ProjectState> {
  try {
    return await backend.state(projectId);
  } catch (e) {
    if (isLetterError(e) && e.code === 'project_not_found') throw notFound(uri, e.message);
    throw e;
  }
}

/** What people call the letter: its title when it has one. */
export function letterName(state: ProjectState): string {
  const first = state.timeline?.tracks.find((t) => t.role === 'title')?.segments[0];
  const title = first?.text ?? first?.label;
  return title ? `"${title}"` : `letter ${state.projectId}`;
}

/** Resources of every letter this engine keeps, from `entries` for each letter's state. */
export async function listLetters(
  backend: Backend,
  entries: (state: ProjectState) => Resource[] | Promise<Resource[]>,
): Promise<ListResourcesResult> {
  const resources: Resource[] = [];
  for (const id of (await backend.letters?.()) ?? []) {
    try {
      resources.push(...(await entries(await backend.state(id))));
    } catch (e) {
      // A letter removed or unreadable while listing is left out rather than failing the list.
      if (!isLetterError(e)) throw e;
    }
  }
  return { resources };
}
