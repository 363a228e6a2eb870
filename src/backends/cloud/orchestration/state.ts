import { summarizeTimeline } from '../../../core/timeline/summary.js';
import type { MediaInfo, ProjectState, RenderJobInfo } from '../../../core/backend.js';
import { mediaFromInfo } from '../translation/media.js';
import { draftNote, readDraft } from '../translation/wire.js';
import type { Sessions } from './sessions.js';
import type { ProjectStore, RenderRecord } from './store.js';

/**
 * get_state in the cloud: NemoVideo's draft as the shared timeline, the media NemoVideo lists
 * (or, before it lists any, the files uploaded), and the renders this client started.
 */
export async function projectState(
  deps: { store: ProjectStore; sessions: Sessions },
  projectId: string,
): Promise<ProjectState> {
  const project = deps.store.get(projectId);
  const raw = await deps.sessions.state(project);
  const draft = readDraft(raw.draft);
  const { timeline } = draft;
  const cloudMedia = [...raw.videoInfos, ...raw.generatedMedia]
    .map(mediaFromInfo)
    .filter((m): m is MediaInfo => m !== undefined);
  const media =
    cloudMedia.length > 0
      ? [...cloudMedia, ...project.media.filter((m) => m.kind === 'message')]
      : project.media.map(({ source: _, ...m }) => m);
  return {
    projectId,
    backend: 'cloud',
    summary: [summarizeTimeline(timeline ?? undefined), draftNote(draft)].filter(Boolean).join(' '),
    timeline,
    media,
    lastExport: project.lastExport,
    renders: project.renders.map(renderInfo),
  };
}

/** A render as get_state shows it: our render id is its job id. */
function renderInfo({
  renderId,
  status,
  quality,
  percent,
  createdAt,
  finishedAt,
  path,
  error,
}: RenderRecord): RenderJobInfo {
  return {
    jobId: renderId,
    status,
    quality,
    percent,
    createdAt,
    ...(finishedAt ? { finishedAt } : {}),
    ...(path ? { path } : {}),
    ...(error ? { error } : {}),
  };
}
