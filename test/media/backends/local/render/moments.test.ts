import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../../../../src/backends/local/intake/inspect.js';
import { applyOperations } from '../../../../../src/backends/local/plan/operations/apply.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { trackOf, type Segment } from '../../../../../src/core/timeline/model.js';
import { EditOperation, type EditOperationInput } from '../../../../../src/core/timeline/operations.js';
import { writeTestClip } from '../../../../../src/dev/test-media.js';
import { bandLevel, makeAudio } from '../../../../helpers/audio.js';
import { frameAt, pixel, colourDistance } from '../../../../helpers/frames.js';
import { probeVideo } from '../../../../helpers/media.js';
import { renderLetter, tools, type Rendered } from '../../../../helpers/render.js';
import { runProgram } from '../../../../helpers/binaries.js';
import { tempDir } from '../../../../helpers/server.js';

const dir = tempDir('vl-moments-');
const file = (name: string) => path.join(dir, name);
const RED = [140, 20, 20] as const;
const GREEN = [20, 110, 30] as const;
const BLUE = [20, 30, 140] as const;
const PINK = [0xff, 0x8f, 0xb1] as const;
const GOLD = [0xf2, 0xc1, 0x4e] as const;

/** Settings for these files after the operations, as the engine would apply them (ids m0, m1, ... in file order). */
async function letterAfter(files: string[], ops: EditOperationInput[]): Promise<LetterSettings> {
  const media: StoredMedia[] = [];
  for (const [i, f] of files.entries()) {
    const { text: _t, ...facts } = await inspectFile(f, path.basename(f), tools);
    media.push({ id: `m${i}`, fileName: path.basename(f), storedAs: '', uploadedAt: '', ...facts });
  }
  return applyOperations(
    LetterSettings.parse({}),
    media,
    ops.map((o) => EditOperation.parse(o)),
  ).settings;
}

async function render(files: string[], ops: EditOperationInput[]): Promise<Rendered> {
  return renderLetter(files, await letterAfter(files, ops));
}

/** How many pixels of a frame are within `tolerance` of a colour, and how many rows they span (a fraction of the height). */
async function colourIn(letter: Rendered, seconds: number, colour: readonly number[], tolerance = 60) {
  const { width, height } = letter;
  const frame = await frameAt(letter.path, seconds, width, height);
  let count = 0;
  let top = height;
  let bottom = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (colourDistance(pixel(frame, width, x, y), colour) < tolerance) {
        count++;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  return { share: count / (width * height), rows: count ? (bottom - top + 1) / height : 0 };
}

const centre = async (letter: Rendered, seconds: number) =>
  pixel(
    await frameAt(letter.path, seconds, letter.width, letter.height),
    letter.width,
    letter.width / 2,
    letter.height / 2,
  );

/** Integrated loudness (LUFS) of the sound between two times. */
async function loudnessBetween(video: string, from: number, to: number): Promise<number> {
  const { stderr } = await runProgram(tools.ffmpeg, [
    '-hide_banner',
    '-nostats',
    '-i',
    video,
    '-map',
    '0:a',
    '-af',
    `atrim=${from}:${to},ebur128`,
    '-f',
    'null',
    '-',
  ]);
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))?.[1]);
}

const photos = ['red.jpg', 'green.jpg', 'blue.jpg'].map(file);
const clip = file('colours.mp4');
const voice = file('voice.wav');

beforeAll(async () => {
  for (const [name, [r, g, b]] of [
    ['red.jpg', RED],
    ['green.jpg', GREEN],
    ['blue.jpg', BLUE],
  ] as const)
    await sharp({ create: { width: 960, height: 540, channels: 3, background: { r, g, b } } })
      .jpeg()
      .toFile(file(name));
  // A clip whose colour says its second: magenta, cyan, white, orange.
  const picture = ['0xff00ff', '0x00ffff', '0xffffff', '0xff8000'];
  await writeTestClip(tools.ffmpeg, clip, { seconds: 4, size: '640x360', picture, toneHz: 300 });
  await makeAudio(voice, 'sine=f=1000:sample_rate=48000', 2);
});

describe('a letter edited moment by moment, rendered', () => {
  let letter: Rendered;
  let shots: Segment[];
  beforeAll(async () => {
    letter = await render(
      [...photos, clip, voice],
      [
        { op: 'theme', theme: 'birthday' },
        { op: 'title', text: 'Happy Birthday' },
        { op: 'caption', moment: { position: 2 }, text: 'THE GARDEN' },
        { op: 'text_look', target: 'captions', colour: '#ff8fb1', size: { to: 2 } },
        { op: 'hold', moment: { position: 1 }, to: 5 },
        { op: 'trim', moment: { file: 'colours.mp4' }, from: 1, to: 3 },
        { op: 'move', moment: { file: 'colours.mp4' }, to: 2 },
        { op: 'voice_place', at: 'end' },
        { op: 'fade', at: 'end', seconds: 2 },
        { op: 'style', style: 'natural' },
      ],
    );
    shots = trackOf(letter.timeline, 'video')?.segments ?? [];
  }, 120_000);

  it('renders the planned length', async () => {
    expect(Math.abs((await probeVideo(letter.path)).duration - letter.timeline.duration)).toBeLessThan(0.1);
  });

  it('shows the caption in its colour and size during its photo only', async () => {
    const green = shots.find((s) => s.label === 'green.jpg')!;
    const words = letter.timeline.tracks
      .find((t) => t.role === 'message')!
      .segments.find((s) => s.start >= green.start && s.end <= green.end)!;
    // Sampled while the words are fully on screen (they fade in and out at their ends).
    const during = await colourIn(letter, (words.start + words.end) / 2, PINK);
    expect(during.share).toBeGreaterThan(0.002);
    // Twice the usual size: the capitals span well over the usual ~4% of the frame's height.
    expect(during.rows).toBeGreaterThan(0.06);
    expect((await colourIn(letter, 4, PINK)).share).toBeLessThan(0.0005);
  });

  it("draws the title card in the birthday theme's gold", async () => {
    expect((await colourIn(letter, 1.8, GOLD)).share).toBeGreaterThan(0.002);
  });

  it('holds the first photo for 5 s', async () => {
    const red = shots[0]!;
    expect(red.end - red.start).toBeCloseTo(5, 2);
    expect(colourDistance(await centre(letter, 4.4), RED)).toBeLessThan(40);
  });

  it('plays only the trimmed seconds of the clip: cyan, then white, never magenta', async () => {
    const shot = shots.find((s) => s.label === 'colours.mp4')!;
    // Its first second (clip time 1-2 s) is cyan, its second white; magenta (0-1 s) is never seen.
    expect(shot.end - shot.start).toBeCloseTo(2, 2);
    expect(colourDistance(await centre(letter, shot.start + 0.8), [0, 255, 255])).toBeLessThan(60);
    expect(colourDistance(await centre(letter, shot.start + 1.3), [255, 255, 255])).toBeLessThan(60);
    for (let t = shot.start; t < shot.end; t += 0.2)
      expect(colourDistance(await centre(letter, t), [255, 0, 255])).toBeGreaterThan(100);
  });

  it('plays the voice recording at the end, and not before', async () => {
    const spoken = trackOf(letter.timeline, 'voice')!.segments[0]!;
    expect(spoken.start).toBeGreaterThan(letter.timeline.duration / 2);
    const tone = 'bandpass=f=1000:width_type=q:w=8';
    const heard = await bandLevel(letter.path, spoken.start + 0.2, spoken.end - 0.2, tone);
    const before = await bandLevel(letter.path, 1, spoken.start - 1, tone);
    // The music plays throughout and has some sound in the tone's band too: the voice's tone
    // stands 8 dB or more above it on a current ffmpeg, about 5 dB on the bundled 2018 build.
    expect(heard - before).toBeGreaterThan(4);
  });

  it('fades to black over its last 2 s', async () => {
    const end = letter.timeline.duration;
    const luma = async (t: number) => {
      const [r, g, b] = await centre(letter, t);
      return 0.3 * r + 0.59 * g + 0.11 * b;
    };
    expect(await luma(end - 0.05)).toBeLessThan(12);
    expect(await luma(end - 1)).toBeLessThan((await luma(end - 2.6)) * 0.75);
  });
});

describe('music made softer, rendered', () => {
  it('is 10 points softer (35% -> 25%, -2.9 dB) on a music-only stretch after loudness levelling', async () => {
    const files = [...photos, voice];
    const ops: EditOperationInput[] = [
      { op: 'music', on: true },
      { op: 'length', to: 14 },
    ];
    const usual = await render(files, ops);
    const softer = await render(files, [...ops, { op: 'music_level', change: 'softer' }]);
    const [from, to] = [6, 12];
    expect(trackOf(usual.timeline, 'voice')!.segments[0]!.end).toBeLessThan(from);
    const change = (await loudnessBetween(softer.path, from, to)) - (await loudnessBetween(usual.path, from, to));
    expect(change).toBeCloseTo(20 * Math.log10(25 / 35), 0);
  }, 120_000);
});
