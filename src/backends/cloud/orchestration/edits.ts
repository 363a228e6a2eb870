import type { Timeline } from '../../../core/timeline/model.js';
import type { MediaInfo } from '../../../core/backend.js';
import type { RawState } from '../client/api.js';
import { mediaFromInfo } from '../translation/media.js';
import type { Expressed, Scene } from '../translation/operations.js';
import { draftToTimeline } from '../translation/wire.js';
import type { CloudProject } from './store.js';

/** NemoVideo's letter before the edit, as the operations' words and checks see it. */
export function sceneOf(state: RawState, project: CloudProject): Scene {
  const listed = state.videoInfos.map(mediaFromInfo).filter((m): m is MediaInfo => m !== undefined);
  // Files NemoVideo does not list (yet) are still known by what this server uploaded.
  const known = [...listed, ...project.media.filter((m) => !listed.some((l) => l.id === m.id))];
  return {
    before: draftToTimeline(state.draft),
    media: known.map((m) => ({ id: m.id, name: m.fileName, kind: m.kind })),
  };
}

/** The sentence refusing a list of edits, with nothing sent: each operation that cannot be said. */
export function refusalReply(refusals: string[]): string {
  return `Nothing was sent to NemoVideo and no credit was spent, because ${
    refusals.length === 1 ? 'one edit' : 'some edits'
  } cannot be asked of it (edits are sent all or none): ${refusals.join(' ')}`;
}

/** For each edit sent, whether NemoVideo's timeline afterwards shows it done, in a sentence. */
export function verdicts(edits: Expressed[], after: Timeline | null): string[] {
  return edits.map(({ words, check }) => {
    const shown = after ? check(after) : false;
    if (shown === true) return `Done: ${words.en} NemoVideo's timeline shows it.`;
    if (shown === false)
      return `Not confirmed: ${words.en} NemoVideo's timeline does not show it; call get_state to look, and send it again only if it is still needed.`;
    return `Sent, not confirmed: ${words.en} NemoVideo's timeline does not record this kind of change, so look at a preview.`;
  });
}
