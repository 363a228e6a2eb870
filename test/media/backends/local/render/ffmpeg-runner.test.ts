import { describe, expect, it } from 'vitest';
import { LetterError } from '../../../../../src/core/errors.js';
import { ProgramFailed, runProgram } from '../../../../../src/backends/local/render/run/ffmpeg-runner.js';
import { FFMPEG, FFPROBE } from '../../../../helpers/binaries.js';

describe('the one ffmpeg runner', () => {
  it('returns what ffprobe printed', async () => {
    const { stdout } = await runProgram(FFPROBE, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=s=32x16:d=1',
      '-show_entries',
      'stream=width,height',
      '-of',
      'csv=p=0',
    ]);
    expect(stdout.trim()).toBe('32,16');
  });

  it('says how ffmpeg failed, with the end of what it printed', async () => {
    const failure = await runProgram(FFMPEG, ['-hide_banner', '-i', '/no/such/photo.jpg', '-f', 'null', '-']).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ProgramFailed);
    expect(failure).toMatchObject({ exitCode: expect.any(Number), startError: undefined });
    expect((failure as ProgramFailed).message).toMatch(/stopped with code \d+: .*No such file or directory/);
  });

  it('says a program that is not there could not be started', async () => {
    const failure = await runProgram('/no/such/ffmpeg', ['-version']).catch((e: unknown) => e);
    expect(failure).toMatchObject({ startError: 'ENOENT', exitCode: null });
    expect((failure as ProgramFailed).message).toMatch(/^ffmpeg could not be started/);
  });

  it('kills ffmpeg when cancelled and says the render was cancelled', async () => {
    const stop = new AbortController();
    const lines: string[] = [];
    // An hour of frames: only the cancel can end it.
    const run = runProgram(
      FFMPEG,
      [
        '-hide_banner',
        '-nostdin',
        '-f',
        'lavfi',
        '-i',
        'testsrc=s=320x240:d=3600',
        '-progress',
        'pipe:1',
        '-f',
        'null',
        '-',
      ],
      {
        signal: stop.signal,
        onStdoutLine: (line) => {
          lines.push(line);
          if (line.startsWith('progress=')) stop.abort();
        },
      },
    );
    const failure = await run.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LetterError);
    expect(failure).toMatchObject({ code: 'render_cancelled' });
    expect(lines.some((l) => l.startsWith('frame='))).toBe(true);
  });
});
