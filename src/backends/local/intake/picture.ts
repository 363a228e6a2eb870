import type { Sharp } from 'sharp';
import { loadSharp } from '../../../libraries.js';
import { decodeHeic } from './heic.js';

const HEIF_FORMATS = new Set(['heic', 'heif']);

/**
 * Opens a photo for sharp whatever its format: HEIC through heic-decode, the rest directly. An
 * animated GIF or WebP opens at its first frame. `format` is the sniffed format, as stored media
 * carry it in their file name (`<id>.<format>`).
 */
export async function openPhoto(filePath: string, format: string): Promise<Sharp> {
  const sharp = await loadSharp();
  if (HEIF_FORMATS.has(format)) {
    const raw = await decodeHeic(filePath);
    return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } });
  }
  return sharp(filePath, { animated: false, limitInputPixels: false });
}

/** The sniffed format of a stored media file, from its `<id>.<format>` name. */
export function storedFormat(storedPath: string): string {
  return storedPath.slice(storedPath.lastIndexOf('.') + 1).toLowerCase();
}
