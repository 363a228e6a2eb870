import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LetterError } from '../../../../core/errors.js';
import { exists, tempSibling } from '../../../../files.js';
import { ProgramFailed, runProgram } from './ffmpeg-runner.js';

/**
 * Linux refuses a single argument over 128 KiB, and a moving photo's per-frame tables make a
 * part's filtergraph tens of KiB; a graph longer than this is handed over in a file instead.
 */
const LONGEST_INLINE_GRAPH = 32 * 1024;

export interface RunOptions {
  /** Length of the output in seconds, to turn ffmpeg's clock into a percentage. */
  durationSeconds: number;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** Parses one `-progress` block's `out_time_us` (ffmpeg 5+) or `out_time_ms` (older builds: also µs). */
export function progressSeconds(line: string): number | undefined {
  const m = /^out_time_(?:us|ms)=(\d+)/.exec(line.trim());
  return m ? Number(m[1]) / 1e6 : undefined;
}

const graphFileOptions = new Map<string, Promise<string>>();

/**
 * How this ffmpeg reads a filtergraph from a file: `-filter_complex_script` until 7.0 deprecated
 * it (and later builds dropped it), `-/filter_complex` from 7.0 on. Asked once per binary.
 */
function graphFileOption(ffmpeg: string): Promise<string> {
  let option = graphFileOptions.get(ffmpeg);
  if (!option) {
    option = runProgram(ffmpeg, ['-hide_banner', '-h', 'long'])
      .then(
        ({ stdout }) => stdout,
        () => '',
      )
      .then((help) => (help.includes('-filter_complex_script') ? '-filter_complex_script' : '-/filter_complex'));
    graphFileOptions.set(ffmpeg, option);
  }
  return option;
}

/** Runs ffmpeg to completion, reporting progress; the signal kills it. */
export async function runFfmpeg(ffmpeg: string, args: string[], options: RunOptions): Promise<void> {
  const at = args.indexOf('-filter_complex');
  const graph = at >= 0 ? args[at + 1] : undefined;
  if (graph === undefined || graph.length <= LONGEST_INLINE_GRAPH) return spawnFfmpeg(ffmpeg, args, options);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vl-graph-'));
  try {
    const script = path.join(dir, 'graph.txt');
    await fs.writeFile(script, graph);
    return await spawnFfmpeg(
      ffmpeg,
      [...args.slice(0, at), await graphFileOption(ffmpeg), script, ...args.slice(at + 2)],
      options,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function spawnFfmpeg(ffmpeg: string, args: string[], options: RunOptions): Promise<void> {
  let lastPercent = -1;
  const onStdoutLine = (line: string) => {
    const seconds = progressSeconds(line);
    if (seconds === undefined || !options.onProgress) return;
    const percent = Math.min(99, Math.floor((seconds / Math.max(0.001, options.durationSeconds)) * 100));
    if (percent > lastPercent) {
      lastPercent = percent;
      options.onProgress(percent);
    }
  };
  try {
    await runProgram(ffmpeg, args, { onStdoutLine, signal: options.signal });
  } catch (e) {
    if (!(e instanceof ProgramFailed)) throw e;
    if (e.startError) throw new LetterError('ffmpeg_missing', `${e.message}. Install ffmpeg or set FFMPEG_PATH.`);
    const detail = e.detail(3, 500);
    throw new LetterError(
      'render_failed',
      `The video could not be rendered: ffmpeg stopped with code ${e.exitCode}${detail ? ` (${detail})` : ''}.`,
    );
  }
}

/**
 * Where a letter's part is rendered, unless it is already there: renderOnce on this machine, or,
 * on render workers, by any worker through the parts queue (src/hosting/farm/shared-parts.ts).
 */
export type PartRenderer = (file: string, argsFor: (partial: string) => string[], run: RunOptions) => Promise<boolean>;

/**
 * Renders `file` unless it is already there, through a temp file renamed into place so a cut-off
 * render never passes for a finished one. Returns whether it rendered.
 */
export async function renderOnce(
  ffmpeg: string,
  file: string,
  argsFor: (partial: string) => string[],
  run: RunOptions,
): Promise<boolean> {
  if (await exists(file)) return false;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = tempSibling(file);
  try {
    await runFfmpeg(ffmpeg, argsFor(partial), run);
    await fs.rename(partial, file);
  } finally {
    await fs.rm(partial, { force: true });
  }
  return true;
}
