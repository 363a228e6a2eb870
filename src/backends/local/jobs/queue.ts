import { isActive, type ExportInfo, type RenderJob, type RenderSpec } from '../../../core/render.js';

/**
 * The one render function: a spec in, the letter's export out. Both queues end in it: the
 * in-process queue calls it in this process, and `video-letter-mcp worker` calls it for the jobs
 * it takes off the Redis queue (`renderSpec` in render-spec.ts is the local engine's).
 */
export type RenderLetter<S extends RenderSpec = RenderSpec> = (
  jobId: string,
  spec: S,
  signal: AbortSignal,
  progress: (percent: number) => void,
) => Promise<ExportInfo>;

/** Told of every status change of a job, to persist it where its project lives. */
export type JobListener = (job: RenderJob) => Promise<void> | void;

/** The error of a job stopped by `cancel`, on either queue. */
export const CANCELLED = 'Cancelled on request.';

/**
 * What a letter's backend asks of the renders, whoever runs them: this process's RenderQueue
 * (render-queue.ts), or the shared queue of hosted mode over Redis (src/hosting/farm/), whose
 * workers run the same render function. test/media/queue-conformance/ holds both to it:
 *
 * - `submit` answers at once with a queued job; the job then renders, reports rising percents
 *   while rendering, and ends done with its export, failed with the render's error sentence, or
 *   cancelled with CANCELLED. Every status change reaches `onChange`.
 * - `find` gives the project's queued, rendering or done job of a key (so a second export
 *   attaches); `active` its queued or rendering job.
 * - `cancel` stops a queued job before it starts and a running one by aborting its render; it
 *   never touches a finished job.
 * - `wait` resolves when the job ends, `ms` pass or `signal` aborts, whichever is first, with the
 *   job as it then stands; the caller going away never touches the job.
 */
export interface RenderJobs {
  submit(spec: RenderSpec, onChange?: JobListener): RenderJob;
  get(jobId: string): RenderJob | undefined;
  find(projectId: string, key: string): RenderJob | undefined;
  active(projectId: string): RenderJob | undefined;
  all(): RenderJob[];
  /** How many renders will run before this queued one, whoever's they are. */
  ahead(job: RenderJob): number;
  cancel(jobId: string): void;
  wait(job: RenderJob, ms: number, signal: AbortSignal, onProgress: (job: RenderJob) => void): Promise<RenderJob>;
  /** What a closing server does with the jobs it started: stop them here, or leave them to the workers. */
  shutdown(jobIds: ReadonlySet<string>): Promise<void>;
}

/** The project's job for this key that is queued, rendering or done (with its file), newest first. */
export function findJob(jobs: RenderJob[], projectId: string, key: string): RenderJob | undefined {
  return jobs.findLast(
    (j) => j.projectId === projectId && j.key === key && (j.status === 'done' || isActive(j.status)),
  );
}

/** How many renders run before `job`: every one rendering, and those queued before it. */
export function jobsAhead(jobs: RenderJob[], job: RenderJob): number {
  return (
    jobs.filter((j) => j.status === 'rendering').length +
    jobs.filter((j) => j.status === 'queued' && j.createdAt < job.createdAt).length
  );
}
