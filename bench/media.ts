import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { encodeWav } from '../src/backends/local/music/synth.js';
import { synthesizeVoice } from './voice.js';

/** Bump when the generated media change, so an older set on disk is not reused. */
const MEDIA_VERSION = 'v1';
const WIDTH = 4000;
const HEIGHT = 3000;
export const DISTINCT_PHOTOS = 12;

const SENTENCES = [
  'Dear Grandma, it has been a whole year since we all sat together in your garden.',
  'I still remember the smell of your apple cake and the way you laughed when the dog stole a napkin.',
  "These photos are from our summer by the lake, the mountain walk, and Lily's first day at school.",
  'We miss you every day.',
  'Thank you for teaching us to be patient and kind.',
  'We will visit in spring, all of us, I promise you.',
];

/** The full 80-word message of the reference letters. */
export const MESSAGE_80_WORDS = SENTENCES.join(' ');

/**
 * Part of that message: the engine paces text for reading (about 3 words a second plus a pause
 * per line), so 80 words need about 43 s of letter; a 30-second letter carries 41 of them.
 */
export const MESSAGE_30_SECONDS = [SENTENCES[0], SENTENCES[1], SENTENCES[3]].join(' ');

export interface ReferenceMedia {
  /** About 4000x3000 JPEGs with photo-like detail, ~5 MB each. */
  photos: string[];
  /** A ~10 MB photo for the upload timing. */
  bigPhoto: string;
  /** A 20-second voice-like WAV. */
  voice: string;
}

/** A scene per photo: sky gradient, a soft sun, blocks of colour like buildings, a caption. */
function sceneSvg(index: number): string {
  const hue = (index * 47) % 360;
  const blocks = Array.from({ length: 70 }, (_, k) => {
    const i = k + index * 7;
    return (
      `<rect x="${(i * 397) % WIDTH}" y="${1700 + ((i * 131) % 1000)}" width="${80 + ((i * 53) % 320)}" height="${200 + ((i * 71) % 1100)}" ` +
      `fill="hsl(${(hue + i * 37) % 360},${30 + (i % 5) * 10}%,${18 + ((i * 13) % 45)}%)" transform="rotate(${(i % 7) - 3} 2000 1500)"/>`
    );
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,30%)"/>` +
    `<stop offset="0.6" stop-color="hsl(${(hue + 150) % 360},70%,65%)"/><stop offset="1" stop-color="hsl(${(hue + 200) % 360},30%,15%)"/></linearGradient>` +
    `<radialGradient id="sun"><stop offset="0" stop-color="#fff6d5"/><stop offset="1" stop-color="#f2a65a" stop-opacity="0"/></radialGradient></defs>
<rect width="100%" height="100%" fill="url(#sky)"/><circle cx="${800 + ((index * 613) % 2400)}" cy="1300" r="650" fill="url(#sun)"/>${blocks}
<text x="300" y="700" font-size="220" fill="#fff" font-family="sans-serif">Photo ${index + 1} · summer by the lake</text></svg>`
  );
}

/**
 * Fine detail like a real photograph's (sensor noise, texture): gaussian noise blended over the
 * scene. One noise field serves every photo, flipped differently for each, because making it is
 * the slow part.
 */
async function writePhoto(file: string, index: number, noise: Buffer, quality: number): Promise<void> {
  const scene = await sharp(Buffer.from(sceneSvg(index)))
    .flatten()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grain = await sharp(noise, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .flip(index % 2 === 1)
    .flop(index % 4 >= 2)
    .png({ compressionLevel: 0 })
    .toBuffer();
  await sharp(scene.data, { raw: scene.info })
    .composite([{ input: grain, blend: quality > 95 ? 'overlay' : 'soft-light' }])
    .jpeg({ quality })
    .toFile(file);
}

async function present(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.size > 0,
    () => false,
  );
}

/** Makes the reference media once into `folder` and reuses them on later runs. */
export async function referenceMedia(folder: string): Promise<ReferenceMedia> {
  const dir = path.join(folder, MEDIA_VERSION);
  await fs.mkdir(dir, { recursive: true });
  const photos = Array.from({ length: DISTINCT_PHOTOS }, (_, i) =>
    path.join(dir, `photo-${String(i + 1).padStart(2, '0')}.jpg`),
  );
  const bigPhoto = path.join(dir, 'photo-10mb.jpg');
  const voice = path.join(dir, 'voice-20s.wav');

  const missing = [];
  for (const [i, file] of [...photos, bigPhoto].entries()) if (!(await present(file))) missing.push({ file, i });
  if (missing.length) {
    const noise = await sharp({
      create: {
        width: WIDTH,
        height: HEIGHT,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .raw()
      .toBuffer();
    for (const { file, i } of missing) await writePhoto(file, i, noise, file === bigPhoto ? 97 : 90);
  }
  if (!(await present(voice))) await fs.writeFile(voice, encodeWav(synthesizeVoice(20)));
  return { photos, bigPhoto, voice };
}
