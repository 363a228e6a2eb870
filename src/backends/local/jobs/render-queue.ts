import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import type { ExportInfo, ExportQuality, RenderStatus } from '../../../core/backend.js';
import { stoppedPrograms } from '../render/run/ffmpeg-runner.js';

/**
 * A render is a job owned by its project, not by the tool call that started it: hosts cancel tool
 * calls after about a minute, and a render must survive that. Jobs run through one queue per
 * machine with a concurrency limit, report progress to whoever is waiting, and end done, failed
 * or cancelled. Cancelling is only ever explicit.
 */
export interface RenderJob {
  id: string;
  projectId: string;
  /** Same timeline and settings → same key, so asking twice attaches instead of rendering twice. */
  key: string;
  quality: ExportQuality;
  status: RenderStatus;
  percent: number;
  createdAt: string;
  startedAt?: number;
  finishedAt?: string;
  result?: ExportInfo;
  error?: string;
}

export type RenderWork = (
  jobId: string,
  signal: AbortSignal,
  progress: (percent: number) => void,
) => Promise<ExportInfo>;

export interface RenderSpec {
  projectId: string;
  key: string;
  quality: ExportQuality;
}

/**
 * What a letter's backend asks of the renders, whoever runs them: this process's RenderQueue, or
 * the shared queue of hosted mode (src/hosting/farm/), where `work` is done by a worker process instead.
 */
export interface RenderJobs {
  submit(spec: RenderSpec, work: RenderWork, onChange?: (job: RenderJob) => Promise<void> | void): RenderJob;
  get(jobId: string): RenderJob | undefined;
  find(projectId: string, key: string): RenderJob | undefined;
  active(projectId: string): RenderJob | undefined;
  all(): RenderJob[];
  ahead(job: RenderJob): number;
  cancel(jobId: string): void;
  wait(job: RenderJob, ms: number, signal: AbortSignal, onProgress: (job: RenderJob) => void): Promise<RenderJob>;
  /** What a closing server does with the jobs it started: stop them here, or leave them to the workers. */
  shutdown(jobIds: ReadonlySet<string>): Promise<void>;
}

interface Entry {
  job: RenderJob;
  onChange: (job: RenderJob) => Promise<void> | void;
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

export class RenderQueue implements RenderJobs {
  private readonly queue: PQueue;
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();

  /** One queue serves every letter on this machine, whoever's it is, so `ahead` counts them all. */
  constructor(
    concurrency: number,
    private readonly retention: Retention = RETENTION,
  ) {
    this.queue = new PQueue({ concurrency });
    this.events.setMaxListeners(0);
  }

  /** `onChange` is told of every status change of this job, to persist it where its project lives. */
  submit(
    spec: RenderSpec,
    work: RenderWork,
    onChange: (job: RenderJob) => Promise<void> | void = () => undefined,
  ): RenderJob {
    const job: RenderJob = {
      id: `r_${randomBytes(6).toString('hex')}`,
      ...spec,
      status: 'queued',
      percent: 0,
      createdAt: this.stamp(),
    };
    const controller = new AbortController();
    const settled = this.queue
      .add(async () => {
        if (controller.signal.aborted) return;
        this.update(job, { status: 'rendering', startedAt: Date.now() });
        try {
          const result = await work(job.id, controller.signal, (percent) => this.progress(job, percent));
          this.update(job, { status: 'done', percent: 100, result, finishedAt: this.stamp() });
        } catch (e) {
          const cancelled = controller.signal.aborted;
          // Cancelled means stopped: not before every program the cancel killed has exited.
          if (cancelled) await stoppedPrograms();
          this.update(job, {
            status: cancelled ? 'cancelled' : 'failed',
            finishedAt: this.stamp(),
            error: cancelled ? 'Cancelled on request.' : (e as Error).message,
          });
        }
      })
      .then(() => undefined);
    this.entries.set(job.id, { job, onChange, controller, settled });
    void onChange(job);
    this.prune();
    return job;
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
      if (!isFinished(job)) continue;
      const count = (kept.get(job.projectId) ?? 0) + 1;
      kept.set(job.projectId, count);
      if (count > this.retention.perProject || Date.parse(job.finishedAt ?? '') < oldest) this.entries.delete(job.id);
    }
  }

  get(jobId: string): RenderJob | undefined {
    return this.entries.get(jobId)?.job;
  }

  /** The project's job for this key that is queued, rendering or done (with its file). */
  find(projectId: string, key: string): RenderJob | undefined {
    return [...this.entries.values()]
      .map((e) => e.job)
      .reverse()
      .find((j) => j.projectId === projectId && j.key === key && ['queued', 'rendering', 'done'].includes(j.status));
  }

  /** The project's job that is still queued or rendering, if any. */
  active(projectId: string): RenderJob | undefined {
    return [...this.entries.values()]
      .map((e) => e.job)
      .find((j) => j.projectId === projectId && (j.status === 'queued' || j.status === 'rendering'));
  }

  all(): RenderJob[] {
    return [...this.entries.values()].map((e) => e.job);
  }

  /** How many renders will run before this queued one. */
  ahead(job: RenderJob): number {
    const jobs = [...this.entries.values()].map((e) => e.job);
    return (
      jobs.filter((j) => j.status === 'rendering').length +
      jobs.filter((j) => j.status === 'queued' && j.createdAt < job.createdAt).length
    );
  }

  /** Stops a job: a queued one never starts, a running one has its ffmpeg killed. */
  cancel(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (!entry || (entry.job.status !== 'queued' && entry.job.status !== 'rendering')) return;
    entry.controller.abort();
    if (entry.job.status === 'queued')
      this.update(entry.job, { status: 'cancelled', finishedAt: this.stamp(), error: 'Cancelled on request.' });
  }

  /**
   * Waits until the job ends, `ms` pass, or the caller goes away, whichever is first, passing
   * progress along meanwhile. The caller going away never touches the job itself.
   */
  async wait(
    job: RenderJob,
    ms: number,
    signal: AbortSignal,
    onProgress: (job: RenderJob) => void,
  ): Promise<RenderJob> {
    const entry = this.entries.get(job.id);
    if (!entry || isFinished(job)) return job;
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

  /** Stops the given jobs (killing ffmpeg, removing partial files) and waits for every job to end. */
  async shutdown(jobIds: ReadonlySet<string>): Promise<void> {
    for (const id of jobIds) this.cancel(id);
    await this.idle();
  }

  /** Resolves when every job has ended (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.queue.onIdle();
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
    if (isFinished(job)) this.prune();
  }
}

export function isFinished(job: RenderJob): boolean {
  return job.status !== 'queued' && job.status !== 'rendering';
}

/** Seconds left, from the pace so far; null until there is a pace to go by. */
export function etaSeconds(job: RenderJob, now = Date.now()): number | null {
  if (job.status !== 'rendering' || job.startedAt === undefined || job.percent < 3) return null;
  const elapsed = (now - job.startedAt) / 1000;
  return Math.max(1, Math.round((elapsed / job.percent) * (100 - job.percent)));
}
