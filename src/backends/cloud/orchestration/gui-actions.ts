import { LetterError } from '../../../core/errors.js';
import { summarizeTimeline } from '../../../core/timeline/summary.js';
import type { CallContext, CreditsReport, ExportResult } from '../../../core/backend.js';
import type { RawState } from '../client/api.js';
import { translateGuiReply, type GuiAction } from '../translation/gui.js';
import { describeChanges, draftToTimeline } from '../translation/wire.js';
import type { Exports } from './export.js';
import type { Sessions } from './sessions.js';
import type { CloudProject } from './store.js';

export interface GuiDeps {
  sessions: Sessions;
  exports: Exports;
  credits: () => Promise<CreditsReport>;
}

/**
 * Performs what the agent's GUI-style sentences asked for (see translation/gui.ts) and returns
 * what the person should read about each. An edit it asked for is sent through the chat once; what
 * that second reply says is shown, but its own GUI requests are not followed again (no loops).
 */
export async function actOnGui(
  deps: GuiDeps,
  project: CloudProject,
  actions: GuiAction[],
  after: RawState,
  ctx: CallContext,
): Promise<{ said: string[]; after: RawState }> {
  const { sessions } = deps;
  const said: string[] = [];
  const edit = actions.find((a): a is Extract<GuiAction, { kind: 'edit' }> => a.kind === 'edit');
  if (edit) {
    ctx.progress({ percent: 60, message: 'Making the change NemoVideo pointed to…' });
    const asked = `I asked NemoVideo to do that for you ("${edit.instruction.replaceAll('\n', ' ')}").`;
    // The person's own edit already went through: a failing follow-up is reported, not thrown.
    const outcome = await sessions.chat(project, edit.instruction, after, ctx).catch(reportedIfLetterError);
    if (typeof outcome === 'string') said.push(asked, `It did not go through: ${outcome}`);
    else {
      const next = await sessions.state(project);
      const changes = describeChanges(draftToTimeline(after.draft), draftToTimeline(next.draft));
      const words = outcome.text ? translateGuiReply(outcome.text).text : '';
      said.push(
        asked,
        words,
        changes.length > 0 ? `What changed: ${changes.join(' ')}` : 'The timeline did not change.',
      );
      after = next;
    }
  }
  const summary = summarizeTimeline(draftToTimeline(after.draft) ?? undefined);
  for (const action of actions) {
    if (action.kind === 'summary') said.push(`Current timeline: ${summary}`);
    if (action.kind === 'state') {
      const files = project.media.filter((m) => m.kind !== 'message').map((m) => m.fileName);
      said.push(`Here is the letter now: ${summary}${files.length > 0 ? ` Files: ${files.join(', ')}.` : ''}`);
    }
    if (action.kind === 'credits') said.push((await deps.credits()).message);
    if (action.kind === 'upload')
      said.push('To add a file, send it to me (a photo, clip or recording) and I will upload it.');
  }
  if (actions.some((a) => a.kind === 'export')) {
    ctx.progress({ percent: 80, message: 'Exporting the letter, as NemoVideo suggested…' });
    const r = await deps.exports.export(project.projectId, { quality: 'final' }, ctx).catch(reportedIfLetterError);
    said.push(typeof r === 'string' ? `The export did not start: ${r}` : exportSentence(r));
  }
  return { said: said.filter(Boolean), after };
}

/** What the person sees of an export the agent's "Export button" started. */
function exportSentence(r: ExportResult): string {
  if (r.status === 'done')
    return `I exported the letter for you: ${r.path} (${r.width}x${r.height}, ${r.durationSeconds.toFixed(1)} s).`;
  return r.message;
}

/** A problem a person can act on becomes its sentence; anything else stays an error. */
function reportedIfLetterError(e: unknown): string {
  if (e instanceof LetterError) return e.message;
  throw e;
}
