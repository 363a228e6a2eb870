import { promises as fs } from 'node:fs';
import { LetterError } from '../../../core/errors.js';
import { LOCAL_ACCEPTED_SENTENCE, MAX_UPLOAD_BYTES } from '../../../core/media/formats.js';
import type { MediaFacts } from '../../../core/media/record.js';
import type { FfmpegTools } from '../render/run/locate-ffmpeg.js';
import { MAX_CLIP_SIDE, MAX_MESSAGE_CHARS, MAX_PHOTO_SIDE, PICTURE_RULES, textTooLong } from '../limits.js';
import { checkPictureSize, trueSeconds } from './bounds.js';
import { openPhoto } from './picture.js';
import { firstPictureDecodes, probeMedia } from './probe.js';
import { readText, sniffFile } from './sniff.js';

/**
 * More pixels than this for each byte of the file is no picture a camera or phone makes: even a
 * blank PNG packs at most about a thousand pixels a byte. Such a header lies about what follows
 * (a JPEG saying 16000x16000 over 3 KB) or describes a decompression bomb.
 */
const MAX_PIXELS_PER_BYTE = 1000;

/** What a file turned out to be, and for a .txt upload the letter's message in it. */
export type Inspected = MediaFacts & { text?: string };

/** Checks that a file exists, is not empty or too big, and is media we can really decode. */
export async function inspectFile(
  filePath: string,
  fileName: string,
  tools: Pick<FfmpegTools, 'ffmpeg' | 'ffprobe'>,
): Promise<Inspected> {
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
      if (text.length > MAX_MESSAGE_CHARS)
        throw new LetterError('too_long', `"${fileName}" holds no letter: ${textTooLong('message', text.length)}`);
      return { ...base, text };
    }
    case 'photo': {
      const photo = await openPhoto(filePath, format).catch(() => undefined);
      const meta = await photo?.metadata().catch(() => undefined);
      if (!photo || !meta?.width || !meta.height) throw damaged('it could not be decoded as a picture');
      checkPictureSize(fileName, 'photo', meta.width, meta.height, MAX_PHOTO_SIDE);
      const lies = (why: string) =>
        new LetterError(
          'unsupported_file',
          `"${fileName}" says it is a ${format.toUpperCase()} photo of ${meta.width}x${meta.height} pixels, but ${why}; it is damaged or not a real photo. ${PICTURE_RULES}`,
        );
      if ((meta.width * meta.height) / stat.size > MAX_PIXELS_PER_BYTE)
        throw lies(`it holds only ${kb(stat.size)} of data`);
      // The header is not enough: the pixels themselves must decode, or every export would fail on them.
      const decodes = await photo
        .resize(64, 64, { fit: 'inside' })
        .raw()
        .toBuffer()
        .then(() => true)
        .catch(() => false);
      if (!decodes) throw lies('its pixels could not all be decoded');
      const sideways = (meta.orientation ?? 1) >= 5;
      return { ...base, width: sideways ? meta.height : meta.width, height: sideways ? meta.width : meta.height };
    }
    case 'video': {
      const probe = await probeMedia(tools.ffprobe, filePath).catch(() => undefined);
      if (!probe?.video) throw damaged('ffprobe found no picture in it');
      checkPictureSize(fileName, 'clip', probe.video.width, probe.video.height, MAX_CLIP_SIDE);
      if (!(await firstPictureDecodes(tools.ffmpeg, filePath)))
        throw new LetterError(
          'unsupported_file',
          `"${fileName}" says it is a ${format.toUpperCase()} clip of ${probe.video.width}x${probe.video.height} pixels, but its pictures could not be decoded; it is damaged or not a real clip. ${PICTURE_RULES}`,
        );
      const seconds = await trueSeconds(fileName, probe.durationSeconds, stat.size, {
        ffmpeg: tools.ffmpeg,
        filePath,
        stream: 'v',
      });
      const sideways = probe.video.rotation === 90 || probe.video.rotation === 270;
      return {
        ...base,
        width: sideways ? probe.video.height : probe.video.width,
        height: sideways ? probe.video.width : probe.video.height,
        hasSound: probe.audio !== undefined,
        ...(seconds !== undefined && { durationSeconds: seconds }),
      };
    }
    case 'audio': {
      const probe = await probeMedia(tools.ffprobe, filePath).catch(() => undefined);
      if (!probe?.audio) throw damaged('ffprobe found no sound in it');
      const seconds = await trueSeconds(fileName, probe.durationSeconds, stat.size, {
        ffmpeg: tools.ffmpeg,
        filePath,
        stream: 'a',
      });
      if (!seconds) throw damaged('no sound could be decoded from it');
      return { ...base, durationSeconds: seconds };
    }
  }
}

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round(bytes / 1048576)} MB`;
