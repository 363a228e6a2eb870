import { summarizeTimeline } from '../../core/timeline/summary.js';
import type { GenerateResult, LetterRequest } from '../../core/backend.js';
import type { Engine } from './engine.js';
import { applyRequest } from './letter-request.js';
import { leftOutNote, leftOutPhotos, newlyLeftOut } from './plan/selection.js';
import type { ProjectRecord } from './project.js';
import { planTimeline } from './timelines.js';
import type { Transcripts } from './transcripts.js';

/**
 * How long an edit waits for the typed message to be found in the voice recording, when that is
 * under way (a minute of speech takes about 3 s): the answer then says whether the captions can
 * follow the voice. Well inside the half minute an assistant waits for a tool.
 */
const READING_WAIT_MS = 15_000;

/** Makes the letter, or applies an edit to it, from the person's request; the timeline is planned again. */
export async function generateLetter(
  engine: Engine,
  transcripts: Transcripts,
  projectId: string,
  request: LetterRequest,
): Promise<GenerateResult> {
  await transcripts.readings(projectId, READING_WAIT_MS);
  const result = await engine.store.update(projectId, async (record) => {
    const outcome = applyRequest(request, record.letter, transcripts.asHeardNow(record.media), record.history);
    // An instruction that changed nothing (a question, a wish with two readings, words not understood)
    // leaves the letter as it is; a call with nothing to change rebuilds it from everything uploaded.
    if (outcome.changes.length === 0 && request.instruction?.trim() && record.timeline) {
      return { record, result: generated(record, [], outcome.reply || 'Nothing was changed.') };
    }
    const timeline = await planTimeline(engine, outcome.settings, record.media);
    const next: ProjectRecord = { ...record, letter: outcome.settings, history: outcome.history, timeline };
    const changes = record.timeline ? outcome.changes : ['Letter created.', ...outcome.changes];
    // A new letter says every photo it sets aside; an edit, those it newly leaves out.
    const leftOut = leftOutPhotos(outcome.settings, record.media);
    const news = record.timeline ? newlyLeftOut(leftOutPhotos(record.letter, record.media), leftOut) : leftOut;
    const reply = [record.timeline ? '' : 'Letter created.', outcome.reply, leftOutNote(news)]
      .filter(Boolean)
      .join(' ');
    return { record: next, result: generated(next, changes, reply) };
  });
  if (result.changes.length > 0) engine.changed(projectId, 'timeline');
  // Words still being heard (the new message in the recording) are not waited for: when they are in, the letter is planned again.
  transcripts.resume(await engine.store.load(projectId));
  return result;
}

function generated(record: ProjectRecord, changes: string[], reply: string): GenerateResult {
  const timeline = record.timeline!;
  return { projectId: record.id, changes, reply, timeline, summary: summarizeTimeline(timeline) };
}
