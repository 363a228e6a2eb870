import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { LetterError } from '../../../../core/errors.js';

/**
 * The one way the engine starts ffmpeg, ffprobe and the other programs it relies on (the speech
 * recognizer): spawned without a shell, stdout collected or read line by line, the end of stderr
 * kept for error messages, and a cancel signal that kills the program at once.
 */
export interface RunOptions {
  /** Aborting kills the program (SIGKILL); the run then fails with `render_cancelled`. */
  signal?: AbortSignal;
  /** Each line of stdout as it comes (ffmpeg's `-progress pipe:1`); stdout is then not kept. */
  onStdoutLine?: (line: string) => void;
  /** The started program's process id (the benchmark samples its memory). */
  onStart?: (pid: number) => void;
  /** Bytes for the program's stdin (raw frames to filter); without it stdin is closed. */
  input?: Buffer;
}

export interface RunResult {
  /** stdout as bytes (raw frames, samples). */
  readonly bytes: Buffer;
  /** stdout as text. */
  readonly stdout: string;
  /** stderr, of which only the last KEPT_STDERR characters are kept. */
  readonly stderr: string;
}

/** ebur128 prints a line per 100 ms on stderr and its summary last: enough for an hour of sound. */
const KEPT_STDERR = 16 << 20;

/** A program that could not be started or that stopped with an error; the caller words it for people. */
export class ProgramFailed extends Error {
  constructor(
    message: string,
    /** Why it could not be started ("ENOENT": not installed there), when it was not. */
    readonly startError: string | undefined,
    /** Its exit code; null when it was not started or a signal stopped it. */
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }

  /** The last lines of what the program said, on one line, for a sentence a person reads. */
  detail(lines: number, chars: number): string {
    return lastLines(this.stderr, lines, chars);
  }
}

const lastLines = (text: string, lines: number, chars: number) =>
  text.trim().split('\n').slice(-lines).join(' ').slice(0, chars);

/**
 * Every program this process started and that has not exited yet, with the signal that stops it.
 * A cancelled render is only called stopped once each program its signal killed has really
 * exited (see `stoppedPrograms`), never on the strength of having asked.
 */
const live = new Map<ChildProcessWithoutNullStreams, { signal?: AbortSignal; exited: Promise<void> }>();

/**
 * The marker every program started here carries in its environment: which process started it.
 * A server started later on the same home finds the ones whose starter died (killed, crashed) by
 * it and stops them (see jobs/sweep.ts), and never touches another program's ffmpeg.
 */
export const STARTED_BY = 'VIDEO_LETTER_STARTED_BY';

/** Starts a program with the marker, and keeps track of it until it exits. */
export function startProgram(
  program: string,
  args: string[],
  signal?: AbortSignal,
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
  const child = spawn(program, args, {
    stdio: 'pipe',
    env: { ...process.env, ...env, [STARTED_BY]: String(process.pid) },
  });
  const exited = new Promise<void>((resolve) => {
    child.once('close', resolve);
    child.once('error', resolve);
  }).then(() => void live.delete(child));
  live.set(child, { ...(signal && { signal }), exited });
  return child;
}

/** Resolves once every program started under a signal that has been aborted has exited. */
export async function stoppedPrograms(): Promise<void> {
  await Promise.all([...live.values()].filter((p) => p.signal?.aborted).map((p) => p.exited));
}

export function cancelled(): LetterError {
  return new LetterError('render_cancelled', 'The render was cancelled before it finished; no video was written.');
}

/** Runs `program` to completion; rejects with ProgramFailed, or with `cancelled()` when the signal stopped it. */
export function runProgram(program: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const { signal, onStdoutLine, onStart, input } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const child = startProgram(program, args, signal);
    // A program that stops early (an error) closes its stdin; its exit says why, not EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    const chunks: Buffer[] = [];
    let partLine = '';
    let stderr = '';
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) onStart?.(child.pid);

    if (onStdoutLine) {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partLine + chunk).split('\n');
        partLine = lines.pop() ?? '';
        for (const line of lines) onStdoutLine(line);
      });
    } else {
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    }
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-KEPT_STDERR);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        new ProgramFailed(
          `${path.basename(program)} could not be started (${e.message})`,
          e.code ?? 'unknown',
          null,
          stderr,
        ),
      );
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(cancelled());
      if (code !== 0) {
        const said = stderr.trim() ? `: ${lastLines(stderr, 3, 500)}` : '';
        return reject(
          new ProgramFailed(`${path.basename(program)} stopped with code ${code}${said}`, undefined, code, stderr),
        );
      }
      const bytes = Buffer.concat(chunks);
      resolve({
        bytes,
        get stdout() {
          return bytes.toString('utf8');
        },
        stderr,
      });
    });
  });
}
