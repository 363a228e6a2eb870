/**
 * `npm run bench -- --only=subjects`: what reading a photo at intake costs (faces, saliency, hash,
 * sharpness), per photo, on the face test photos and on a 12-megapixel phone-sized photo made
 * from one of them. The first photo also loads the face finder (its thread, wasm and model).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { readPicture } from '../src/backends/local/pictures/read-picture.js';
import { formatTable, fixed } from './table.js';

const MB = 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timeEach(files: string[]): Promise<{ ms: number[]; peakRss: number }> {
  const log = pino({ level: 'warn' }, process.stderr);
  const ms: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (const file of files) {
    const started = performance.now();
    await readPicture(file, path.extname(file).slice(1), log);
    ms.push(performance.now() - started);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { ms, peakRss };
}

export async function benchSubjects(root: string): Promise<string> {
  const faces = path.join(root, 'test', 'fixtures', 'faces');
  const small = (await readdir(faces)).filter((f) => f.endsWith('.jpg')).map((f) => path.join(faces, f));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vl-bench-subjects-'));
  try {
    const phones = await Promise.all(
      small.slice(0, 3).map(async (file, i) => {
        const phone = path.join(dir, `phone-12mp-${i}.jpg`);
        await sharp(file).resize(4000, 3000).jpeg({ quality: 90 }).toFile(phone);
        return phone;
      }),
    );
    const rssBefore = process.memoryUsage().rss;
    const first = await timeEach([small[0]!]);
    const rssLoaded = process.memoryUsage().rss;
    const rest = await timeEach(small.slice(1));
    const big = await timeEach(phones);
    const rows = [
      ['first photo (loads the face finder)', fixed(first.ms[0], 0), fixed((rssLoaded - rssBefore) / MB, 0), '1'],
      [
        `face test photos (960x540, 540x960), median`,
        fixed(median(rest.ms), 0),
        fixed((rest.peakRss - rssLoaded) / MB, 0),
        String(rest.ms.length),
      ],
      [
        '12-megapixel JPEG (4000x3000), median',
        fixed(median(big.ms), 0),
        fixed((big.peakRss - rssLoaded) / MB, 0),
        '3',
      ],
    ];
    return (
      `Subject finding per photo (faces, saliency, hash, sharpness); MB = growth of this process's resident memory ` +
      `(the face finder's thread included) over the step, on ${os.cpus().length} cores\n\n` +
      formatTable(['photo', 'ms', 'MB', 'photos'], rows)
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
