import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoBox } from '../../../../../src/core/media/record.js';
import type { Aspect, Segment } from '../../../../../src/core/timeline/model.js';
import { trackOf } from '../../../../../src/core/timeline/model.js';
import { findFaces } from '../../../../../src/backends/local/pictures/faces.js';
import { CALL, localBackendIn } from '../../../../helpers/local-backend.js';
import { frameAt } from '../../../../helpers/frames.js';

/** The composited test photos: one real face at a side or corner (see test/fixtures/faces/ATTRIBUTION.md). */
const FACES = fileURLToPath(new URL('../../../../fixtures/faces/', import.meta.url));
/** The preview's frame, as a render makes it: half the letter's size. */
const PREVIEW: Record<Aspect, { width: number; height: number }> = {
  '16:9': { width: 960, height: 540 },
  '9:16': { width: 540, height: 960 },
  '1:1': { width: 540, height: 540 },
};
/** Frames looked at in each shot, across the part where it is alone on screen. */
const SAMPLES = 4;
/** The face finder's box must be at least this share of the frame's height: "shown large", about a fifth. */
const LARGE = 0.18;
/** And this far from every edge: whole, not cut by the frame. */
const EDGE = 0.004;

let dir: string;
let sideways: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vl-framing-'));
  // A phone photo stored turned a quarter, with EXIF orientation 6 ("rotate 90° to show"):
  // upright, its face is at the right.
  sideways = path.join(dir, 'sideways-right.jpg');
  await sharp(path.join(FACES, 'landscape-right.jpg')).rotate(-90).withMetadata({ orientation: 6 }).toFile(sideways);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The part of each photo's shot where it is alone on screen (no crossfade, no fade from or to black). */
function soloParts(shots: Segment[], duration: number) {
  return shots.map((s, i) => ({
    label: s.label,
    from: Math.max(s.start, shots[i - 1]?.end ?? 0.8) + 0.05,
    to: Math.min(s.end, shots[i + 1]?.start ?? duration - 1) - 0.1,
  }));
}

/** The faces the face finder sees in one frame of the MP4, as boxes in 0..1 of the frame. */
async function facesInFrame(file: string, seconds: number, aspect: Aspect): Promise<PhotoBox[]> {
  const { width, height } = PREVIEW[aspect];
  const scale = 512 / Math.max(width, height);
  const [w, h] = [Math.round(width * scale), Math.round(height * scale)];
  return findFaces({ data: await frameAt(file, seconds, w, h), width: w, height: h, channels: 3 });
}

const LETTERS: [Aspect, string[]][] = [
  [
    '16:9',
    [
      'portrait-left.jpg',
      'portrait-top-right.jpg',
      'portrait-bottom-left.jpg',
      'landscape-top-left.jpg',
      'landscape-bottom-right.jpg',
    ],
  ],
  [
    '9:16',
    [
      'landscape-left.jpg',
      'landscape-top-right.jpg',
      'landscape-bottom-left.jpg',
      'portrait-bottom-right.jpg',
      'sideways',
    ],
  ],
  ['1:1', ['landscape-right.jpg', 'landscape-top-left.jpg', 'portrait-right.jpg', 'portrait-top-left.jpg']],
];

describe('faces kept whole and large in the rendered letter, found again on its frames', () => {
  it.each(LETTERS)(
    'in a %s letter, every sampled frame of each photo shows its face whole and at least about a fifth of the frame high',
    async (aspect, names) => {
      const { backend } = await localBackendIn('vl-framing-');
      try {
        let projectId: string | undefined;
        for (const name of names) {
          const file = name === 'sideways' ? sideways : path.join(FACES, name);
          projectId = (await backend.upload({ projectId, path: file }, CALL)).projectId;
        }
        const id = projectId as string;
        await backend.generate(id, { aspect }, CALL);
        const timeline = (await backend.state(id)).timeline!;
        const shots = trackOf(timeline, 'video')!.segments;
        // Every photo is cropped around its face to fill the frame.
        expect(shots.map((s) => s.framing)).toEqual(names.map(() => 'cover around 1 face'));
        // The machine may be busy: the export is waited for to the end.
        const render = await backend.export(id, { quality: 'preview', waitMs: 240_000 }, CALL);
        if (render.status !== 'done') throw new Error(`the preview render ended ${render.status}`);
        const mp4 = render.path;
        const seen: string[] = [];
        for (const part of soloParts(shots, timeline.duration)) {
          for (let k = 0; k < SAMPLES; k++) {
            const at = part.from + ((part.to - part.from) * k) / (SAMPLES - 1);
            const faces = await facesInFrame(mp4, at, aspect);
            const face = faces.sort((a, b) => b.height - a.height)[0];
            const said = `${part.label} at ${at.toFixed(2)} s: ${JSON.stringify(faces)}`;
            seen.push(said);
            expect(face, said).toBeDefined();
            expect(face!.height, said).toBeGreaterThanOrEqual(LARGE);
            expect(face!.x, said).toBeGreaterThan(EDGE);
            expect(face!.y, said).toBeGreaterThan(EDGE);
            expect(face!.x + face!.width, said).toBeLessThan(1 - EDGE);
            expect(face!.y + face!.height, said).toBeLessThan(1 - EDGE);
          }
        }
        expect(seen).toHaveLength(names.length * SAMPLES);
      } finally {
        await backend.close();
      }
    },
    // Three renders and sixty face searches on a machine others share.
    480_000,
  );
});
