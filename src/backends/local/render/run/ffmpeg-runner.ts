import { spawn } from 'node:child_process';
import path from 'node:path';
import { LetterError } from '../../../../errors.js';

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

export function cancelled(): LetterError {
  return new LetterError('render_cancelled', 'The render was cancelled before it finished; no video was written.');
}

/** Runs `program` to completion; rejects with ProgramFailed, or with `cancelled()` when the signal stopped it. */
export function runProgram(program: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const { signal, onStdoutLine, onStart, input } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const child = spawn(program, args, { stdio: 'pipe' });
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
