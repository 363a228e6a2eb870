import { createHash } from 'node:crypto';
import { LetterError } from '../../../core/errors.js';
import { exists } from '../../../files.js';
import type { CallContext, CreditsReport, ExportInfo, ExportOptions, ExportResult } from '../../../core/backend.js';
import { draftNote, readDraft } from '../translation/wire.js';
import { keyedQueue } from './keyed-queue.js';
import type { Renders, RenderJob } from './renders.js';
import type { Sessions } from './sessions.js';
import type { CloudProject, ProjectStore, RenderRecord } from './store.js';
import { isActive } from '../../../core/render.js';

export interface ExportDeps {
  store: ProjectStore;
  sessions: Sessions;
  renders: Renders;
  now: () => number;
  /** How long an export waits for the render before answering "rendering" (VIDEO_LETTER_EXPORT_WAIT_SECONDS). */
  exportWaitMs: number;
  /** What one render costs (NEMO_EXPORT_CREDITS; the seed: nothing); above 0 it needs `confirm`. */
  exportCredits: number;
  credits: () => Promise<CreditsReport>;
}

type ExportChoice = { job: RenderJob } | { done: ExportResult };

/**
 * export_video in the cloud: one render per draft, joined by every export of that draft, waited
 * for as long as a call may wait, and stopped being followed on `cancel`.
 */
export class Exports {
  private readonly serially = keyedQueue();

  constructor(private readonly deps: ExportDeps) {}

  async export(projectId: string, options: ExportOptions, ctx: CallContext): Promise<ExportResult> {
    const project = this.deps.store.get(projectId);
    if (options.cancel) return this.cancel(project);
    const choice = await this.choose(project, options, ctx);
    if ('done' in choice) return choice.done;
    await this.deps.renders.waitFor(choice.job, options.waitMs ?? this.deps.exportWaitMs, ctx);
    return this.resultOf(project, choice.job);
  }

  private async cancel(project: CloudProject): Promise<ExportResult> {
    const { renders } = this.deps;
    const pending = [...project.renders].reverse().find((r) => isActive(r.status));
    const job = renders.active(project.projectId) ?? (pending && renders.follow(project, pending, true));
    if (!job)
      throw new LetterError(
        'invalid_request',
        'No cloud render is running for this project, so there is nothing to cancel.',
      );
    await renders.cancel(job);
    return {
      status: 'cancelled',
      jobId: job.record.renderId,
      message: `Stopped following render ${job.record.renderId}. NemoVideo has no way to stop a render, so it may still finish on its side; call export_video to render again.`,
    };
  }

  /**
   * Which render answers an export of the letter as it is now. A render of the same draft is
   * joined (running) or its file returned (done); a render of an older draft is stopped being
   * followed and a new one started, so an export after an edit never returns the old letter.
   * Runs one at a time per project: two exports at once share one render.
   */
  private choose(project: CloudProject, options: ExportOptions, ctx: CallContext): Promise<ExportChoice> {
    const { sessions, renders } = this.deps;
    const { quality } = options;
    return this.serially(project.projectId, async () => {
      ctx.progress({ percent: 2, message: 'Reading the timeline from NemoVideo…' });
      const raw = await sessions.state(project);
      const draft = readDraft(raw.draft);
      if (!draft.timeline?.tracks.some((t) => t.segments.length > 0)) {
        const notice = await sessions.takeNotice(project);
        const why = draftNote(draft) || 'There is nothing to export yet: upload photos and call generate_letter first.';
        throw new LetterError('nothing_to_render', `${notice ? `${notice} ` : ''}${why}`);
      }
      const hash = draftHash(raw.draft, quality);
      // A render of this letter already running is joined. One of an earlier version keeps going
      // to its own MP4 (a render whose poller goes away is orphaned): it is never dropped here.
      const active = renders.active(project.projectId, hash);
      if (active) return { job: active };
      // A render of this draft that lost contact (or this process restarted mid-poll): follow it again.
      const pending = [...project.renders]
        .reverse()
        .find((r) => r.draftHash === hash && (r.status === 'interrupted' || isActive(r.status)));
      if (pending) return { job: renders.follow(project, pending, true) };
      const same = [...project.renders].reverse().find((r) => r.draftHash === hash && r.status === 'done');
      // The same letter was already rendered and its file is still there: no second render.
      const saved = same && exportOf(project, same);
      if (saved && (await exists(saved.path))) return { done: { status: 'done', ...saved } };
      // Joining a render or returning a saved file is free; only a new render may cost credits.
      if (this.deps.exportCredits > 0 && !options.confirm) return { done: await this.askToConfirm() };
      ctx.progress({ percent: 5, message: 'Starting the cloud render…' });
      return { job: await sessions.run(project, () => renders.start(project, raw.draft, hash, quality)) };
    });
  }

  /** The answer to an export that would spend credits the person has not agreed to: the cost, nothing started. */
  private async askToConfirm(): Promise<ExportResult> {
    const cost = this.deps.exportCredits;
    const available = (await this.deps.credits().catch(() => undefined))?.available ?? null;
    const have = available === null ? '' : ` (${available} available)`;
    const short = available !== null && available < cost ? ' That is more than is left, so it would be refused.' : '';
    return {
      status: 'confirm',
      cost,
      available,
      message: `Exporting this letter on NemoVideo costs ${cost} credit${cost === 1 ? '' : 's'}${have}, so nothing was started yet.${short} If the person agrees, call export_video again with confirm: true.`,
    };
  }

  private resultOf(project: CloudProject, job: RenderJob): ExportResult {
    const r = job.record;
    const saved = r.status === 'done' ? exportOf(project, r) : undefined;
    if (saved) return { status: 'done', ...saved };
    if (r.status === 'failed' || r.status === 'interrupted' || r.status === 'cancelled') {
      return {
        status: r.status,
        jobId: r.renderId,
        message: r.error ?? `Render ${r.renderId} ended (${r.status}). Call export_video again to retry.`,
      };
    }
    return this.rendering(job);
  }

  private rendering(job: RenderJob): ExportResult {
    const r = job.record;
    const elapsed = (this.deps.now() - Date.parse(r.createdAt)) / 1000;
    // Only a reported progress gives an honest estimate: remaining time in proportion.
    const etaSeconds =
      r.percent > 0 && r.percent < 100 ? Math.max(1, Math.round((elapsed * (100 - r.percent)) / r.percent)) : null;
    return {
      status: 'rendering',
      jobId: r.renderId,
      percent: r.percent,
      etaSeconds,
      message: `NemoVideo is rendering the letter (${r.percent}%; cloud renders take 30-90 s). It keeps going: call export_video again to check on render ${r.renderId}.`,
    };
  }
}

/** Which letter a render makes: the draft and the quality (a preview is not the final letter). */
function draftHash(draft: unknown, quality: ExportOptions['quality']): string {
  return `${createHash('sha256').update(JSON.stringify(draft)).digest('hex')}:${quality}`;
}

/** A done render's file; records saved before each kept its own info fall back to the last export. */
function exportOf(project: CloudProject, record: RenderRecord): ExportInfo | undefined {
  return record.exported ?? (project.lastExport?.jobId === record.renderId ? project.lastExport : undefined);
}
