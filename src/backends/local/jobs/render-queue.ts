import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import { isActive, type RenderJob, type RenderSpec } from '../../../core/render.js';
import { stoppedPrograms } from '../render/run/ffmpeg-runner.js';
import { CANCELLED, findJob, jobsAhead, type JobListener, type RenderJobs, type RenderLetter } from './queue.js';

interface Entry {
  job: RenderJob;
  /** Which view (one letter engine's folder) submitted it. */
  home: symbol;
  onChange: JobListener;
  controller: AbortController;
  settled: Promise<void>;
}

/**
 * How long the queue remembers finished jobs. Their project keeps each one (project.json), so
 * get_state and a second export find it there once the queue has let it go; the queue keeps the
 * latest few of each project for a while only so a render that just ended is seen at once.
 */
export interface Retention {
  /** Finished jobs kept per project, newest first. */
  perProject: number;
  /** Finished jobs older than this are let go. */
  ms: number;
  now: () => number;
}
export const RETENTION: Retention = { perProject: 5, ms: 60 * 60_000, now: Date.now };

/**
 * A render is a job owned by its project, not by the tool call that started it: hosts cancel tool
 * calls after about a minute, and a render must survive that. Jobs run through one queue per
 * machine with a concurrency limit, report progress to whoever is waiting, and end done, failed
 * or cancelled. Cancelling is only ever explicit.
 *
 * The in-process queue: one per machine, serving every letter engine on it (one per person in
 * hosted mode), so `ahead` counts them all. Each engine sees it through `forHome`, which renders
 * that engine's jobs with its render function and shows it only its own jobs.
 */
export class RenderQueue {
  private readonly queue: PQueue;
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();

  constructor(
    concurrency: number,
    private readonly retention: Retention = RETENTION,
  ) {
    this.queue = new PQueue({ concurrency });
    this.events.setMaxListeners(0);
  }

  /** The queue as one letter engine sees it: its jobs only, rendered by `render`. */
  forHome(render: RenderLetter): RenderJobs {
    const home = Symbol('home');
    const theirs = () => this.jobs((e) => e.home === home);
    return {
      submit: (spec, onChange = () => undefined) => this.submit(home, render, spec, onChange),
      get: (jobId) => theirs().find((j) => j.id === jobId),
      find: (projectId, key) => findJob(theirs(), projectId, key),
      active: (projectId) => theirs().find((j) => j.projectId === projectId && isActive(j.status)),
      all: theirs,
      ahead: (job) => jobsAhead(this.jobs(), job),
      cancel: (jobId) => {
        if (this.entries.get(jobId)?.home === home) this.cancel(jobId);
      },
      wait: (job, ms, signal, onProgress) => this.wait(job, ms, signal, onProgress),
      // Stops the given jobs (killing ffmpeg, removing partial files) and waits for every job to end.
      shutdown: async (jobIds) => {
        for (const id of jobIds) this.cancel(id);
        await this.idle();
      },
    };
  }

  /** Resolves when every job has ended (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.queue.onIdle();
  }

  private submit(home: symbol, render: RenderLetter, spec: RenderSpec, onChange: JobListener): RenderJob {
    const job: RenderJob = {
      id: `r_${randomBytes(6).toString('hex')}`,
      ...spec,
      status: 'queued',
      percent: 0,
      createdAt: this.stamp(),
    };
    const controller = new AbortController();
    const entry: Entry = { job, home, onChange, controller, settled: Promise.resolve() };
    // Known and told before it can start: p-queue begins a job within `add` when a slot is free.
    this.entries.set(job.id, entry);
    void onChange(job);
    entry.settled = this.queue
      .add(async () => {
        if (controller.signal.aborted) return;
        this.update(job, { status: 'rendering', startedAt: Date.now() });
        try {
          const result = await render(job.id, spec, controller.signal, (percent) => this.progress(job, percent));
          this.update(job, { status: 'done', percent: 100, result, finishedAt: this.stamp() });
        } catch (e) {
          const cancelled = controller.signal.aborted;
          // Cancelled means stopped: not before every program the cancel killed has exited.
          if (cancelled) await stoppedPrograms();
          this.update(job, {
            status: cancelled ? 'cancelled' : 'failed',
            finishedAt: this.stamp(),
            error: cancelled ? CANCELLED : (e as Error).message,
          });
        }
      })
      .then(() => undefined);
    this.prune();
    return job;
  }

  private jobs(which: (e: Entry) => boolean = () => true): RenderJob[] {
    return [...this.entries.values()].filter(which).map((e) => e.job);
  }

  /** Now, by the queue's clock, as jobs record their times. */
  private stamp(): string {
    return new Date(this.retention.now()).toISOString();
  }

  /** Lets go of finished jobs past the retention: those too old, and all but each project's newest few. */
  private prune(): void {
    const oldest = this.retention.now() - this.retention.ms;
    const kept = new Map<string, number>();
    for (const { job } of [...this.entries.values()].reverse()) {
      if (isActive(job.status)) continue;
      const count = (kept.get(job.projectId) ?? 0) + 1;
      kept.set(job.projectId, count);
      if (count > this.retention.perProject || Date.parse(job.finishedAt ?? '') < oldest) this.entries.delete(job.id);
    }
  }

  /** Stops a job: a queued one never starts, a running one has its ffmpeg killed. */
  private cancel(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (!entry || !isActive(entry.job.status)) return;
    entry.controller.abort();
    if (entry.job.status === 'queued')
      this.update(entry.job, { status: 'cancelled', finishedAt: this.stamp(), error: CANCELLED });
  }

  /**
   * Waits until the job ends, `ms` pass, or the caller goes away, whichever is first, passing
   * progress along meanwhile. The caller going away never touches the job itself.
   */
  private async wait(
    job: RenderJob,
    ms: number,
    signal: AbortSignal,
    onProgress: (job: RenderJob) => void,
  ): Promise<RenderJob> {
    const entry = this.entries.get(job.id);
    if (!entry || !isActive(job.status)) return job;
    const listener = (changed: RenderJob) => {
      if (changed.id === job.id) onProgress(changed);
    };
    this.events.on('change', listener);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await Promise.race([
        entry.settled,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, ms);
        }),
        new Promise<void>((resolve) => {
          onAbort = resolve;
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
      this.events.off('change', listener);
    }
    return job;
  }

  private progress(job: RenderJob, percent: number): void {
    if (percent <= job.percent) return;
    job.percent = percent;
    this.events.emit('change', job);
  }

  private update(job: RenderJob, patch: Partial<RenderJob>): void {
    Object.assign(job, patch);
    this.events.emit('change', job);
    void this.entries.get(job.id)?.onChange(job);
    if (!isActive(job.status)) this.prune();
  }
}
