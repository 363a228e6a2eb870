import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeTestClip } from '../../src/dev/test-media.js';
import { FFMPEG } from './binaries.js';
import { ffmpeg, quadrants } from './make-media.js';

/**
 * Files whose headers lie, made the way an attacker would: a real small file with the numbers in
 * its header patched. Each says in its name what it claims.
 */

/** Writes `bytes` to `dir/name` and answers the path. */
async function save(dir: string, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** A one-second MP3 (about 16 KB) whose Xing/Info header claims 2^31 frames: 56 million seconds. */
export async function forgedDurationMp3(dir: string, name = 'forged-voice.mp3'): Promise<string> {
  const real = path.join(dir, `real-${name}`);
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=1', '-c:a', 'libmp3lame', '-b:a', '128k', real]);
  const bytes = await fs.readFile(real);
  const tag = Math.max(bytes.indexOf('Xing'), bytes.indexOf('Info'));
  if (tag < 0 || (bytes.readUInt32BE(tag + 4) & 1) === 0) throw new Error('no frame count in the MP3 header');
  bytes.writeUInt32BE(0x8000_0000, tag + 8);
  return save(dir, name, bytes);
}

/** A one-second WAV whose RIFF and data chunk sizes claim 2 GB of samples (about 3 hours). */
export async function forgedDurationWav(dir: string, name = 'forged-voice.wav'): Promise<string> {
  const real = path.join(dir, `real-${name}`);
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=1', '-ac', '1', '-ar', '44100', real]);
  const bytes = await fs.readFile(real);
  const data = bytes.indexOf('data');
  bytes.writeUInt32LE(0x7fff_fff0, 4);
  bytes.writeUInt32LE(0x7fff_ff00, data + 4);
  return save(dir, name, bytes);
}

/** A small JPEG whose SOF marker says 16000x16000 pixels, over a few KB of data. */
export async function forgedSizeJpeg(dir: string, name = 'forged-huge.jpg'): Promise<string> {
  const bytes = await quadrants(64, 64).jpeg().toBuffer();
  const sof = [0xc0, 0xc1, 0xc2].map((m) => bytes.indexOf(Buffer.from([0xff, m]))).find((i) => i > 0);
  if (sof === undefined) throw new Error('no SOF marker in the JPEG');
  bytes.writeUInt16BE(16000, sof + 5);
  bytes.writeUInt16BE(16000, sof + 7);
  return save(dir, name, bytes);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A small PNG whose IHDR (with a correct checksum) says 16000x16000 pixels. */
export async function forgedSizePng(dir: string, name = 'forged-huge.png'): Promise<string> {
  const bytes = await quadrants(64, 64).png().toBuffer();
  const ihdr = bytes.indexOf('IHDR');
  bytes.writeUInt32BE(16000, ihdr + 4);
  bytes.writeUInt32BE(16000, ihdr + 8);
  bytes.writeUInt32BE(crc32(bytes.subarray(ihdr, ihdr + 17)), ihdr + 17);
  return save(dir, name, bytes);
}

/** A small GIF whose logical screen says 16000x16000 pixels around its 64x64 picture. */
export async function forgedSizeGif(dir: string, name = 'forged-huge.gif'): Promise<string> {
  const bytes = await quadrants(64, 64).gif().toBuffer();
  bytes.writeUInt16LE(16000, 6);
  bytes.writeUInt16LE(16000, 8);
  return save(dir, name, bytes);
}

/** A one-second clip 1 pixel wide and 20,000 tall, or another strip (ffv1 in Matroska, which can hold it). */
export async function tallClip(dir: string, name = 'tall.mkv', width = 1, height = 20_000): Promise<string> {
  const file = path.join(dir, name);
  await ffmpeg([
    ...['-f', 'lavfi', '-i', 'color=c=red:s=16x16:d=1:r=5', '-vf', `scale=${width}:${height}`],
    ...['-c:v', 'ffv1', '-pix_fmt', 'gray', file],
  ]);
  return file;
}

/** A clip cut off after its first `keep` bytes (a download that stopped). */
export async function truncatedClip(dir: string, keep = 3000, name = 'cut-off.mp4'): Promise<string> {
  const real = path.join(dir, `real-${name}`);
  await writeTestClip(FFMPEG, real, { seconds: 3, size: '320x240', fps: 25, toneHz: false });
  return save(dir, name, (await fs.readFile(real)).subarray(0, keep));
}

/** A real recording longer than a letter takes: 16 minutes of quiet at a low bitrate (about 1 MB). */
export async function longRecording(dir: string, name = 'long-voice.mp3'): Promise<string> {
  const file = path.join(dir, name);
  await ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '960', '-c:a', 'libmp3lame', '-b:a', '8k', file]);
  return file;
}
