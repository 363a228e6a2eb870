import { promises as fs } from 'node:fs';

export interface RawPicture {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel. */
  data: Buffer;
}

/**
 * Decodes an iPhone HEIC/HEIF photo to raw RGBA with libheif compiled to wasm: sharp's prebuilt
 * binaries and ffmpeg cannot decode HEVC stills. libheif applies the file's own rotation and
 * mirroring (`irot`/`imir`), so the pixels come out upright. The decoder is loaded on the first
 * HEIC: compiling it costs every process that imports it ~25 MB, and most letters have none.
 */
export async function decodeHeic(filePath: string): Promise<RawPicture> {
  const { default: decode } = await import('heic-decode');
  const image = await decode({ buffer: await fs.readFile(filePath) });
  return {
    width: image.width,
    height: image.height,
    data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  };
}
