import { promises as fs } from 'node:fs';
import { LetterError } from '../../../errors.js';
import { LOCAL_ACCEPTED_SENTENCE, MAX_PHOTO_PIXELS, MAX_UPLOAD_BYTES } from '../../../media/formats.js';
import type { MediaFacts } from '../../../media/record.js';
import { openPhoto } from './picture.js';
import { probeMedia } from './probe.js';
import { readText, sniffFile } from './sniff.js';

/** What a file turned out to be, and for a .txt upload the letter's message in it. */
export type Inspected = MediaFacts & { text?: string };

/** Checks that a file exists, is not empty or too big, and is media we can really decode. */
export async function inspectFile(filePath: string, fileName: string, ffprobe: string): Promise<Inspected> {
  const stat = await fs.stat(filePath).catch(() => undefined);
  if (!stat?.isFile()) {
    throw new LetterError(
      'file_not_found',
      `No file was found at "${filePath}". Pass the absolute path of a file on this computer, or send its content as base64. ${LOCAL_ACCEPTED_SENTENCE}`,
    );
  }
  if (stat.size === 0)
    throw new LetterError('empty_file', `"${fileName}" is empty (0 bytes). ${LOCAL_ACCEPTED_SENTENCE}`);
  if (stat.size > MAX_UPLOAD_BYTES) {
    const mb = Math.round(stat.size / 1024 / 1024);
    throw new LetterError(
      'file_too_large',
      `"${fileName}" is ${mb} MB, over the 200 MB limit. Compress it or trim it, then upload again.`,
    );
  }
  const { kind, format } = await sniffFile(filePath, fileName);
  const base = { kind, format, sizeBytes: stat.size };
  const damaged = (why: string) =>
    new LetterError(
      'unsupported_file',
      `"${fileName}" looks like ${format.toUpperCase()} but ${why}; it may be damaged or incomplete. ${LOCAL_ACCEPTED_SENTENCE}`,
    );

  switch (kind) {
    case 'message': {
      const text = (await readText(filePath))?.trim() ?? '';
      if (!text)
        throw new LetterError(
          'empty_file',
          `"${fileName}" has no text in it. Put the letter's message in the file, or pass it as "message" to generate_letter.`,
        );
      return { ...base, text };
    }
    case 'photo': {
      const meta = await openPhoto(filePath, format)
        .then((p) => p.metadata())
        .catch(() => undefined);
      if (!meta?.width || !meta.height) throw damaged('it could not be decoded as a picture');
      if (meta.width * meta.height > MAX_PHOTO_PIXELS) {
        const mp = Math.round((meta.width * meta.height) / 1e6);
        throw new LetterError(
          'file_too_large',
          `"${fileName}" is ${meta.width}x${meta.height} pixels (${mp} megapixels), more than the ${Math.floor(MAX_PHOTO_PIXELS / 1e6)} megapixels a photo may have. Save a smaller copy (a phone photo is 12 to 50 megapixels) and upload that.`,
        );
      }
      const sideways = (meta.orientation ?? 1) >= 5;
      return { ...base, width: sideways ? meta.height : meta.width, height: sideways ? meta.width : meta.height };
    }
    case 'video': {
      const probe = await probeMedia(ffprobe, filePath).catch(() => undefined);
      if (!probe?.video) throw damaged('ffprobe found no picture in it');
      const sideways = probe.video.rotation === 90 || probe.video.rotation === 270;
      return {
        ...base,
        width: sideways ? probe.video.height : probe.video.width,
        height: sideways ? probe.video.width : probe.video.height,
        hasSound: probe.audio !== undefined,
        ...(probe.durationSeconds !== undefined && { durationSeconds: probe.durationSeconds }),
      };
    }
    case 'audio': {
      const probe = await probeMedia(ffprobe, filePath).catch(() => undefined);
      if (!probe?.audio || !probe.durationSeconds) throw damaged('ffprobe found no sound in it');
      return { ...base, durationSeconds: probe.durationSeconds };
    }
  }
}
