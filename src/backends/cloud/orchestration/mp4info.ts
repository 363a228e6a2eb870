import { open } from 'node:fs/promises';

export interface Mp4Info {
  durationSeconds: number;
  width: number;
  height: number;
}

/**
 * A `moov` holds the sample tables: about a megabyte an hour of video. Anything claiming more than
 * this is not a letter's, and is not read into memory.
 */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

/**
 * Duration and picture size of a downloaded MP4, read from its `moov` box (mvhd for the
 * duration, the tkhd of the track with a picture for the size), so the cloud backend needs no
 * ffprobe. Every box size is checked against what is left of the file before anything is read
 * or allocated: the file came from outside. Returns null when the file has no readable `moov`.
 */
export async function readMp4Info(file: string): Promise<Mp4Info | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    let offset = 0;
    const header = Buffer.alloc(16);
    while (offset + 8 <= size) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      let headerLength = 8;
      if (boxSize === 1) {
        if (bytesRead < 16) return null;
        boxSize = Number(header.readBigUInt64BE(8));
        headerLength = 16;
      } else if (boxSize === 0) boxSize = size - offset;
      if (boxSize < headerLength || boxSize > size - offset) return null;
      if (type === 'moov') {
        if (boxSize - headerLength > MAX_MOOV_BYTES) return null;
        const moov = Buffer.alloc(boxSize - headerLength);
        await handle.read(moov, 0, moov.length, offset + headerLength);
        return parseMoov(moov);
      }
      offset += boxSize;
    }
    return null;
  } finally {
    await handle.close();
  }
}

function* boxes(buf: Buffer): Generator<[string, Buffer]> {
  let at = 0;
  while (at + 8 <= buf.length) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > buf.length) return;
    yield [buf.toString('latin1', at + 4, at + 8), buf.subarray(at + 8, at + size)];
    at += size;
  }
}

export function parseMoov(moov: Buffer): Mp4Info | null {
  let durationSeconds: number | undefined;
  let width = 0;
  let height = 0;
  for (const [type, body] of boxes(moov)) {
    if (type === 'mvhd' && body.length >= 1) {
      const version = body.readUInt8(0);
      // Version 1 has 64-bit times: its duration ends at byte 32, version 0's at byte 20.
      if (body.length < (version === 1 ? 32 : 20)) continue;
      const timescale = version === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12);
      const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16);
      if (timescale > 0) durationSeconds = duration / timescale;
    }
    if (type === 'trak' && width === 0) {
      for (const [inner, tkhd] of boxes(body)) {
        if (inner !== 'tkhd' || tkhd.length < 8) continue;
        // Width and height are the last two 16.16 fixed-point fields of tkhd.
        const w = tkhd.readUInt32BE(tkhd.length - 8) / 65536;
        const h = tkhd.readUInt32BE(tkhd.length - 4) / 65536;
        if (w > 0 && h > 0) {
          width = Math.round(w);
          height = Math.round(h);
        }
      }
    }
  }
  return durationSeconds === undefined ? null : { durationSeconds, width, height };
}
