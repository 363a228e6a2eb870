import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { runProgram, tools } from './binaries.js';

export type RGB = readonly [number, number, number];
export const RED: RGB = [220, 30, 30];
export const GREEN: RGB = [30, 200, 40];
export const BLUE: RGB = [30, 60, 220];
export const YELLOW: RGB = [230, 210, 30];

/** A width x height picture in four coloured quadrants (top-left red, top-right green, bottom-left blue, bottom-right yellow). */
export function quadrants(width: number, height: number): Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = [
        [RED, GREEN],
        [BLUE, YELLOW],
      ][y < height / 2 ? 0 : 1]![x < width / 2 ? 0 : 1]!;
      data.set(colour, (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** Runs the ffmpeg the engine uses to make a test file. */
export async function ffmpeg(args: string[]): Promise<void> {
  await runProgram(tools.ffmpeg, ['-v', 'error', '-y', '-nostdin', ...args]);
}

/**
 * A portrait phone clip as phones store it: the frames sideways (landscape) with a display
 * rotation of -90° (ffprobe's view of an iPhone's "rotate: 90"), so players turn it upright. Upright,
 * the top half is red with a green square in its top-left corner, and the bottom half is blue.
 */
export async function sidewaysPhoneClip(dir: string): Promise<string> {
  const sideways = path.join(dir, 'sideways.mp4');
  const tagged = path.join(dir, 'portrait-phone.mp4');
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'color=c=red:s=180x320:r=30:d=3,drawbox=x=0:y=160:w=180:h=160:color=blue:t=fill,drawbox=x=0:y=0:w=60:h=60:color=lime:t=fill,format=yuv420p',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:d=3',
    '-vf',
    'transpose=cclock',
    '-c:v',
    'libx264',
    '-c:a',
    'aac',
    '-shortest',
    sideways,
  ]);
  await ffmpeg(['-i', sideways, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', tagged]);
  return tagged;
}
