import { runProgram, tools } from './binaries.js';

/** One frame at `seconds`, shrunk to width x height, as RGB bytes (ffmpeg's own scaler averages the area). */
export async function frameAt(file: string, seconds: number, width: number, height: number): Promise<Buffer> {
  const { bytes } = await runProgram(tools.ffmpeg, [
    '-v',
    'error',
    '-ss',
    String(seconds),
    '-i',
    file,
    '-frames:v',
    '1',
    '-vf',
    `scale=${width}:${height}:flags=area`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ]);
  return bytes;
}

/** Every frame of the video as 8-bit gray, in order, after `filter` (a scale or crop that makes them width x height). */
export async function grayFrames(file: string, filter: string, width: number, height: number): Promise<Buffer[]> {
  const { bytes: raw } = await runProgram(tools.ffmpeg, [
    '-v',
    'error',
    '-i',
    file,
    '-vf',
    filter,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    '-',
  ]);
  const size = width * height;
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => raw.subarray(i * size, (i + 1) * size));
}

/** The sound as mono float samples at `rate`. */
export async function monoSamples(file: string, rate = 48000): Promise<Float32Array> {
  const { bytes: raw } = await runProgram(tools.ffmpeg, [
    '-v',
    'error',
    '-i',
    file,
    '-vn',
    '-ac',
    '1',
    '-ar',
    String(rate),
    '-f',
    'f32le',
    '-',
  ]);
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
}

/** RGB of the pixel at (x, y) in a frame from `frameAt`. */
export function pixel(frame: Buffer, width: number, x: number, y: number): [number, number, number] {
  const i = (y * width + x) * 3;
  return [frame[i] ?? 0, frame[i + 1] ?? 0, frame[i + 2] ?? 0];
}

/** Distance between two colours, 0..441. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));
}
