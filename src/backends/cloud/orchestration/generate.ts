import { formatSeconds, summarizeTimeline } from '../../../core/timeline/summary.js';
import type { CallContext, GenerateResult, LetterRequest } from '../../../core/backend.js';
import { translateGuiReply } from '../translation/gui.js';
import { languageOf } from '../translation/language.js';
import { composeInstruction } from '../translation/message.js';
import { editLines, expressEdits } from '../translation/operations.js';
import { describeChanges, draftNote, draftToTimeline, EMPTY_TIMELINE, readDraft } from '../translation/wire.js';
import { refusalReply, sceneOf, verdicts } from './edits.js';
import { actOnGui, type GuiDeps } from './gui-actions.js';
import { sentences, type Greeting } from './reply.js';
import type { CloudProject, ProjectStore } from './store.js';

export interface GenerateDeps extends GuiDeps {
  store: ProjectStore;
  greeting: Greeting;
}

/**
 * generate_letter in the cloud: the request goes to NemoVideo's editor as one message, what it
 * asks of its GUI is done, and the reply says what it said and what changed in the timeline.
 */
export async function generateLetter(
  deps: GenerateDeps,
  projectId: string,
  request: LetterRequest,
  ctx: CallContext,
): Promise<GenerateResult> {
  const { store, sessions, greeting } = deps;
  const project = store.get(projectId);
  greeting.settingUp(ctx);
  ctx.progress({ percent: 5, message: 'Sending the request to NemoVideo…' });
  let before = await sessions.state(project);
  // Edits are put in NemoVideo's words before anything is sent: all or none, so one that cannot
  // be said (or names a moment the letter does not have) sends nothing and spends no credit.
  const expressed = expressEdits(request.edits ?? [], sceneOf(before, project));
  if (!expressed.ok) {
    const timeline = draftToTimeline(before.draft) ?? EMPTY_TIMELINE;
    const reply = sentences(greeting.take(), refusalReply(expressed.refusals));
    return { projectId, changes: [], reply, timeline, summary: summarizeTimeline(timeline) };
  }
  // The session follows the person's words (their instruction, or their message), never a file name.
  const spoken = languageOf(request.instruction ?? request.message ?? project.message);
  if (spoken && (await sessions.speak(project, spoken, before.draft))) before = await sessions.state(project);
  // The edits are worded in the language the session speaks, as its agent understands it best.
  const language = project.sessionLanguage ?? project.language;
  const lines = editLines(expressed.edits, language);
  const text = composeInstruction(request, project.message, nameOf(project), lines, before.draft != null);
  const outcome = await sessions.chat(project, text, before, ctx);
  if (project.message && !request.message) project.message = undefined;
  await store.save();
  ctx.progress({ percent: 50, message: 'Reading the updated timeline…' });
  const translated = translateGuiReply(outcome.text);
  const acted = await actOnGui(deps, project, translated.actions, await sessions.state(project), ctx);
  const draft = readDraft(acted.after.draft);
  const timeline = draft.timeline ?? EMPTY_TIMELINE;
  const summary = summarizeTimeline(timeline);
  const changes = describeChanges(draftToTimeline(before.draft), timeline);
  let words = translated.text;
  if (!outcome.text) {
    // About 30% of edits end without a word: the state tells what happened.
    const lead = outcome.recovered
      ? 'The connection to NemoVideo dropped after the request was sent, but the project shows NemoVideo applied it, so it was not sent again.'
      : 'NemoVideo applied the edit without a message.';
    words =
      changes.length > 0
        ? `${lead} What changed: ${changes.join(' ')}`
        : 'NemoVideo finished without a message and the timeline did not change. Try the request again, worded more concretely.';
  }
  const reply = sentences(
    greeting.take(),
    outcome.longMs > 0 ? stillWorkingLine(outcome.longMs) : '',
    await sessions.takeNotice(project),
    words,
    ...verdicts(expressed.edits, draft.timeline),
    ...acted.said,
    draftNote(draft),
    outcome.odd.length > 0
      ? `NemoVideo also sent something this server could not read (${outcome.odd.join('; ')}), so it was left out; call get_state if the reply seems incomplete.`
      : '',
  );
  return { projectId, changes, reply, timeline, summary };
}

/**
 * Progress notifications are not shown by every client, so a long edit also says so in its reply,
 * first: the person sees that the wait was NemoVideo still working, not a hang.
 */
function stillWorkingLine(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const took = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${formatSeconds(ms / 1000)} s`;
  return `Still working… NemoVideo took ${took} on this edit, and it is done now.`;
}

/** Photo ids as the file names the editor saw at upload. */
function nameOf(project: CloudProject) {
  return (idOrName: string) => project.media.find((m) => m.id === idOrName)?.fileName ?? idOrName;
}
