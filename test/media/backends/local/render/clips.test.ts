import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FFMPEG, runProgram } from '../../../../helpers/binaries.js';
import { probeVideo, FFPROBE } from '../../../../helpers/media.js';
import { colourDistance, frameAt, grayFrames, monoSamples, pixel } from '../../../../helpers/frames.js';
import { ffmpeg, sidewaysPhoneClip } from '../../../../helpers/make-media.js';
import { renderLetter } from '../../../../helpers/render.js';
import { tempDir } from '../../../../helpers/server.js';
import { FPS } from '../../../../../src/backends/local/render/compile/graph.js';
import { writeTestClip } from '../../../../../src/dev/test-media.js';

/**
 * A 5 s phone-style clip with a variable frame rate: 30 fps, then a stretch at an irregular 10-15
 * fps, then 30 fps again. Dark and silent until 4.5 s, when the picture turns white and a 1 kHz
 * beep starts together, both lasting to the end.
 */
async function variableRateClip(dir: string): Promise<string> {
  const file = path.join(dir, 'vfr.mp4');
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'color=c=0x202020:s=320x240:r=30:d=5,drawbox=x=0:y=0:w=320:h=240:color=white:t=fill:enable=gte(t\\,4.5),' +
      "select='not(between(t\\,0.5\\,4))+between(t\\,0.5\\,4)*(eq(mod(n\\,3)\\,0)+eq(mod(n\\,7)\\,1))'",
    '-f',
    'lavfi',
    '-i',
    "sine=f=1000:d=5,volume=enable='lt(t,4.5)':volume=0",
    '-vsync',
    'vfr',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    file,
  ]);
  return file;
}

/** Frames in a file's picture stream, counted by decoding. */
const countFrames = async (file: string) =>
  Number(
    (
      await runProgram(FFPROBE, [
        '-v',
        'error',
        '-count_frames',
        '-select_streams',
        'v',
        '-show_entries',
        'stream=nb_read_frames',
        '-of',
        'csv=p=0',
        file,
      ])
    ).stdout.trim(),
  );

describe('video clips in the rendered letter', () => {
  it('shows a rotation-tagged portrait phone clip upright', async () => {
    const clip = await sidewaysPhoneClip(tempDir());
    const letter = await renderLetter([clip], { aspect: '9:16' });
    expect(letter.timeline.tracks[0]!.segments[0]).toMatchObject({ kind: 'clip', fit: 'cover' });
    const frame = await frameAt(letter.path, 1.5, 18, 32);
    // The clip is drawn in ffmpeg's pure red, lime and blue.
    expect(colourDistance(pixel(frame, 18, 2, 2), [0, 255, 0])).toBeLessThan(40);
    expect(colourDistance(pixel(frame, 18, 14, 8), [255, 0, 0])).toBeLessThan(40);
    expect(colourDistance(pixel(frame, 18, 9, 24), [0, 0, 255])).toBeLessThan(40);
  });

  it('keeps a variable-frame-rate clip’s sound in step with its picture, and ends its sound with its picture', async () => {
    const dir = tempDir();
    const clip = await variableRateClip(dir);
    expect(await countFrames(clip)).toBeLessThan(5 * 30 * 0.8);
    const photo = path.join(dir, 'grey.jpg');
    await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 30, g: 30, b: 30 } } })
      .jpeg()
      .toFile(photo);

    const letter = await renderLetter([photo, clip]);
    const shot = letter.timeline.tracks[0]!.segments[1]!;
    expect(shot).toMatchObject({ kind: 'clip', volume: 1 });
    expect(await probeVideo(letter.path)).toMatchObject({ fps: '30/1' });

    // The white flash: the first frame after the clip starts whose middle is bright.
    const small = { width: 32, height: 18 };
    const frames = await grayFrames(
      letter.path,
      `scale=${small.width}:${small.height}:flags=area`,
      small.width,
      small.height,
    );
    const bright = (f: Buffer) => f.reduce((a, b) => a + b, 0) / f.length > 90;
    const flashFrame = frames.findIndex((f, i) => i / FPS > shot.start + 1 && bright(f));
    expect(flashFrame).toBeGreaterThan(0);
    const flashAt = flashFrame / FPS;
    const lastPicture = frames.length / FPS;

    // The beep: where the sound first and last rises above a whisper.
    const rate = 48000;
    const samples = await monoSamples(letter.path, rate);
    const loud = (i: number) => Math.abs(samples[i] ?? 0) > 0.05;
    let first = -1;
    let last = -1;
    for (let i = 0; i < samples.length; i++) {
      if (loud(i)) {
        if (first < 0) first = i;
        last = i;
      }
    }
    expect(Math.abs(first / rate - flashAt)).toBeLessThan(0.05);
    expect(Math.abs(flashAt - (shot.start + 4.5))).toBeLessThan(0.05);
    expect(Math.abs(last / rate - lastPicture)).toBeLessThan(0.05);
  });

  it('trims a long clip to its first 15 seconds', async () => {
    const dir = tempDir();
    const long = path.join(dir, 'long.mp4');
    await writeTestClip(FFMPEG, long, { seconds: 20, size: '160x90' });
    const letter = await renderLetter([long]);
    expect(letter.timeline.duration).toBe(15);
    expect((await probeVideo(letter.path)).duration).toBeCloseTo(15, 1);
  });
});
