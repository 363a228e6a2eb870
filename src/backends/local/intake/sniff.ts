import { promises as fs } from 'node:fs';
import {
  LOCAL_ACCEPTED_SENTENCE,
  AUDIO_FORMATS,
  LOCAL_PHOTO_FORMATS,
  VIDEO_FORMATS,
  type MediaKind,
} from '../../../core/media/formats.js';
import { LetterError } from '../../../core/errors.js';
import { MAX_MESSAGE_CHARS } from '../limits.js';
import { loadFileType } from '../../../libraries.js';

/** Text files larger than this are not read (a message is at most MAX_MESSAGE_CHARS, at most 4 bytes each). */
const MAX_TEXT_BYTES = 1 << 20;

export interface Sniffed {
  kind: MediaKind;
  /** The format the content really is, whatever the file is called. */
  format: string;
}

/** file-type's names for containers we accept, folded into the names people know. */
const FORMAT_ALIASES: Record<string, string> = { jpeg: 'jpg', m4v: 'mp4', qt: 'mov', matroska: 'mkv', '3gp': 'mp4' };

/**
 * Judges a file by its bytes, never by its name: a text file renamed `.jpg` is refused, a `.txt`
 * becomes the letter's message, and an MP4 called `.mov` is still an MP4.
 */
export async function sniffFile(filePath: string, fileName: string): Promise<Sniffed> {
  const { fileTypeFromFile } = await loadFileType();
  const detected = await fileTypeFromFile(filePath);
  if (detected) {
    const format = FORMAT_ALIASES[detected.ext] ?? detected.ext;
    if ((LOCAL_PHOTO_FORMATS as readonly string[]).includes(format)) return { kind: 'photo', format };
    if ((VIDEO_FORMATS as readonly string[]).includes(format)) return { kind: 'video', format };
    if ((AUDIO_FORMATS as readonly string[]).includes(format)) return { kind: 'audio', format };
    throw new LetterError(
      'unsupported_file',
      `"${fileName}" is a ${detected.ext.toUpperCase()} file (${detected.mime}), which a video letter cannot use. ${LOCAL_ACCEPTED_SENTENCE}`,
    );
  }
  const named = /\.txt$/i.test(fileName);
  if (named && (await fs.stat(filePath)).size > MAX_TEXT_BYTES)
    throw new LetterError(
      'too_long',
      `"${fileName}" is over ${MAX_TEXT_BYTES >> 20} MB of text; a letter's message can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters (a page or two). Put a shorter message in it, then upload it again.`,
    );
  const text = await readText(filePath);
  if (text !== undefined && named) return { kind: 'message', format: 'txt' };
  const what =
    text !== undefined
      ? 'plain text, not a photo, video or audio file'
      : 'not a photo, video or audio format we recognise';
  throw new LetterError(
    'unsupported_file',
    `"${fileName}" could not be used: its content is ${what}. ${LOCAL_ACCEPTED_SENTENCE}`,
  );
}

/** The file as text when it is valid UTF-8 with no control bytes, else undefined. */
export async function readText(filePath: string): Promise<string | undefined> {
  if ((await fs.stat(filePath)).size > MAX_TEXT_BYTES) return undefined;
  const bytes = await fs.readFile(filePath);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
