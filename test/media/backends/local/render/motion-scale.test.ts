import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { motionFor } from '../../../../../src/backends/local/plan/motion.js';
import { scaledMotion } from '../../../../../src/backends/local/render/compile/motion.js';
import { perspectiveFilter } from '../../../../../src/backends/local/render/compile/pictures.js';
import { fitPhotos } from '../../../../../src/backends/local/render/prepare/photos.js';
import { runProgram, tools } from '../../../../helpers/binaries.js';
import { tempDir } from '../../../../helpers/server.js';

const FRAMES = 45;

/** PSNR (dB) of each frame of the fast exact resizes against `perspective`, ffmpeg's sub-pixel reference. */
async function psnrAgainstPerspective(photo: string, index: number): Promise<number[]> {
  const motion = motionFor(index);
  const { once, each } = scaledMotion(motion, FRAMES, 1920, 1080, 0, FRAMES);
  const repeat = `loop=loop=${FRAMES - 1}:size=1:start=0,setpts=N`;
  const graph =
    `[0:v]format=yuv420p,split[a][b];[a]${once},${repeat},${each}[fast];` +
    `[b]${repeat},${perspectiveFilter(motion, FRAMES, 1920, 1080)}[slow];[fast][slow]psnr=stats_file=-[out]`;
  const { stdout: stats } = await runProgram(tools.ffmpeg, [
    '-v',
    'error',
    '-i',
    photo,
    '-filter_complex',
    graph,
    '-map',
    '[out]',
    '-frames:v',
    String(FRAMES),
    '-f',
    'null',
    '-',
  ]);
  return [...stats.matchAll(/psnr_y:([\d.]+|inf)/g)].map((m) => (m[1] === 'inf' ? Infinity : Number(m[1])));
}

describe('photo motion by exact whole-pixel resizes', () => {
  it.skipIf(tools.motion !== 'scale')(
    'shows every frame where perspective does: over 40 dB apart on a real photo, for each planned motion',
    async () => {
      const photo = path.join(tempDir(), 'photo.jpg');
      await fitPhotos(
        [
          {
            original: path.resolve('assets/samples/mountains.jpg'),
            format: 'jpeg',
            fit: 'cover',
            width: 1920,
            height: 1080,
          },
        ],
        [photo],
      );
      for (const index of [0, 1, 2, 3]) {
        const psnr = await psnrAgainstPerspective(photo, index);
        expect(psnr).toHaveLength(FRAMES);
        expect(Math.min(...psnr)).toBeGreaterThan(40);
      }
    },
  );
});
