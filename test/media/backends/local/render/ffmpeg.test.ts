import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listedNames,
  locateFfmpeg,
  missingCapabilities,
} from '../../../../../src/backends/local/render/run/locate-ffmpeg.js';
import { tempDir } from '../../../../helpers/server.js';

const bundled = (pkg: string) => (createRequire(import.meta.url)(pkg) as { path: string }).path;

describe('finding ffmpeg', () => {
  it('reads filter and encoder names from ffmpeg listings', () => {
    expect([
      ...listedNames(' ... perspective       V->V       Correct the perspective of video.\n V....D libx264   H.264'),
    ]).toEqual(['perspective', 'libx264']);
  });

  it('names what a build is missing', () => {
    expect(missingCapabilities({ version: 'x', filters: new Set(['overlay']), encoders: new Set(['aac']) })).toContain(
      'filter "perspective"',
    );
  });

  it('refuses an FFMPEG_PATH binary that lacks the perspective filter and libx264, saying so', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'ffmpeg');
    writeFileSync(
      fake,
      '#!/bin/sh\ncase "$2" in -filters) echo " ... overlay V->V x";; -encoders) echo " A..... aac x";; *) echo "ffmpeg version fake";; esac\n',
    );
    chmodSync(fake, 0o755);
    await expect(locateFfmpeg({ ffmpegPath: fake, ffprobePath: '/bin/true' })).rejects.toThrow(
      /lacks filter "perspective".*encoder "libx264"/,
    );
  });

  it('uses a working system or bundled ffmpeg when nothing is configured', async () => {
    const tools = await locateFfmpeg({});
    expect(tools.filters.has('perspective')).toBe(true);
  });

  it('moves photos with perspective on the bundled 2018 build, whose scale cannot size by frame number', async () => {
    const tools = await locateFfmpeg({
      ffmpegPath: bundled('@ffmpeg-installer/ffmpeg'),
      ffprobePath: bundled('@ffprobe-installer/ffprobe'),
    });
    expect(tools.motion).toBe('perspective');
  });

  it.skipIf(!existsSync('/usr/bin/ffmpeg'))(
    'moves photos by exact resizes on a current ffmpeg (Debian 12 ships 5.1)',
    async () => {
      const tools = await locateFfmpeg({ ffmpegPath: '/usr/bin/ffmpeg', ffprobePath: '/usr/bin/ffprobe' });
      expect(tools.motion).toBe('scale');
    },
  );

  describe('between starts', () => {
    /** An ffmpeg that logs each time it is run, then runs the bundled build; `note` changes the file. */
    function countingFfmpeg(note = '') {
      const dir = tempDir();
      const runs = path.join(dir, 'runs.log');
      const ffmpeg = path.join(dir, 'ffmpeg');
      const write = (n: string) => {
        writeFileSync(
          ffmpeg,
          `#!/bin/sh\n# ${n}\necho run >> ${runs}\nexec ${bundled('@ffmpeg-installer/ffmpeg')} "$@"\n`,
        );
        chmodSync(ffmpeg, 0o755);
      };
      write(note);
      const lookup = {
        ffmpegPath: ffmpeg,
        ffprobePath: bundled('@ffprobe-installer/ffprobe'),
        cacheFile: path.join(dir, 'build.json'),
      };
      const timesRun = () => (existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').length - 1 : 0);
      return { lookup, timesRun, replace: () => write(`${note} upgraded`) };
    }

    it('remembers what it learned about a build, so the next start does not run ffmpeg', async () => {
      const build = countingFfmpeg();
      const first = await locateFfmpeg(build.lookup);
      const runsToLearn = build.timesRun();
      const second = await locateFfmpeg(build.lookup);

      expect(runsToLearn).toBeGreaterThan(0);
      expect(build.timesRun()).toBe(runsToLearn);
      expect(second).toEqual(first);
    });

    it('examines an ffmpeg that was replaced since, instead of trusting what it learned', async () => {
      const build = countingFfmpeg();
      await locateFfmpeg(build.lookup);
      const runsToLearn = build.timesRun();
      build.replace();
      await locateFfmpeg(build.lookup);

      expect(build.timesRun()).toBe(2 * runsToLearn);
    });
  });
});
