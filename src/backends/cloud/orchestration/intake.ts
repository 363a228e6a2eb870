import { openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { LetterError } from '../../../core/errors.js';
import type { UploadInput } from '../../../core/backend.js';
import { fileNameOfUrl } from '../client/read.js';
import { ACCEPTED_FORMATS, ACCEPTED_SENTENCE, MAX_UPLOAD_BYTES, type MediaKind } from '../../../core/media/formats.js';
import { kindOf } from '../translation/media.js';

/**
 * Everything NemoVideo would refuse is refused here first, before a byte is sent: the format is
 * judged from the content (magic bytes), not the name, and the 200 MB limit from the real size.
 */
export type Prepared =
  | { kind: 'message'; fileName: string; format: 'txt'; sizeBytes: number; text: string }
  | { kind: Exclude<MediaKind, 'message'>; fileName: string; format: string; sizeBytes: number; blob: Blob };

/** A public link NemoVideo fetches itself. */
export type Link = { url: string; fileName: string; format: string | undefined };
export type Source = Prepared | Link;
/** What goes to NemoVideo: a file's bytes or a link (a message stays with us). */
export type Sendable = Extract<Prepared, { blob: Blob }> | Link;

/** One upload checked: a local file, base64 content with its name, or a public link. */
export async function prepareUpload(input: UploadInput): Promise<Source> {
  const given = [input.path, input.contentBase64, input.url].filter((v) => v !== undefined && v !== '').length;
  if (given !== 1)
    throw new LetterError(
      'invalid_request',
      'Give exactly one of: a local file path, base64 content with a file name, or a public URL.',
    );
  if (input.path) return prepareLocalFile(input.path);
  if (input.url) return { url: input.url, ...checkUrl(input.url) };
  if (!input.fileName)
    throw new LetterError(
      'invalid_request',
      'Base64 content needs a fileName (for example "mom.jpg") so the file can be named.',
    );
  return prepareBase64(input.contentBase64!, input.fileName);
}

const MB = 1024 * 1024;

export async function prepareLocalFile(filePath: string): Promise<Prepared> {
  const fileName = path.basename(filePath);
  let size: number;
  try {
    const s = await stat(filePath);
    if (!s.isFile())
      throw new LetterError(
        'file_not_found',
        `${filePath} is a folder, not a file. Pass the path of one photo, clip or recording.`,
      );
    size = s.size;
  } catch (e) {
    if (e instanceof LetterError) throw e;
    throw new LetterError(
      'file_not_found',
      `No file at ${filePath}. Check the path (it must be on this computer) and try again.`,
    );
  }
  checkSize(fileName, size);
  const type = await fileTypeFromFile(filePath);
  if (!type && isTextName(fileName)) {
    return asMessage(fileName, await readFile(filePath));
  }
  const format = acceptedFormat(fileName, type?.ext);
  return {
    kind: kindOf(format),
    fileName,
    format,
    sizeBytes: size,
    blob: await openAsBlob(filePath, { type: type?.mime ?? '' }),
  };
}

export async function prepareBase64(contentBase64: string, fileName: string): Promise<Prepared> {
  // Checked on the encoded length first so a huge upload is refused before it is decoded.
  checkSize(fileName, Math.floor((contentBase64.length * 3) / 4));
  const bytes = Buffer.from(contentBase64, 'base64');
  checkSize(fileName, bytes.length);
  const type = await fileTypeFromBuffer(bytes);
  if (!type && isTextName(fileName)) return asMessage(fileName, bytes);
  const format = acceptedFormat(fileName, type?.ext);
  return {
    kind: kindOf(format),
    fileName,
    format,
    sizeBytes: bytes.length,
    blob: new Blob([bytes], { type: type?.mime ?? '' }),
  };
}

/**
 * A URL's content cannot be seen before NemoVideo fetches it, so only its name is judged: a known
 * but unaccepted extension is refused here; no extension is left to the server (which answers 4001).
 */
export function checkUrl(url: string): { fileName: string; format: string | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LetterError(
      'invalid_request',
      `"${url}" is not a web address. Pass a full http(s) link to a photo, clip or recording.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LetterError(
      'invalid_request',
      `NemoVideo can only fetch http(s) links, not ${parsed.protocol} ones. Upload the file itself instead.`,
    );
  }
  const fileName = fileNameOfUrl(parsed.pathname) ?? parsed.host;
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (!ext) return { fileName, format: undefined };
  const format = normalizeExt(ext);
  if (!(ACCEPTED_FORMATS as readonly string[]).includes(format)) {
    throw new LetterError('unsupported_file', `${fileName} is not a format NemoVideo accepts. ${ACCEPTED_SENTENCE}`);
  }
  return { fileName, format };
}

function checkSize(fileName: string, size: number): void {
  if (size === 0)
    throw new LetterError(
      'empty_file',
      `${fileName} is empty (0 bytes). Upload the file again once it has finished saving.`,
    );
  if (size > MAX_UPLOAD_BYTES) {
    throw new LetterError(
      'file_too_large',
      `${fileName} is ${Math.ceil(size / MB)} MB; NemoVideo accepts files up to 200 MB. Compress it or trim it, then upload it again.`,
    );
  }
}

function normalizeExt(ext: string): string {
  return ext === 'jpeg' ? 'jpg' : ext === 'qt' ? 'mov' : ext === 'm4v' ? 'mp4' : ext;
}

function acceptedFormat(fileName: string, sniffed: string | undefined): string {
  const format = sniffed ? normalizeExt(sniffed) : undefined;
  if (format && (ACCEPTED_FORMATS as readonly string[]).includes(format)) return format;
  const seen = format ? `It is a ${format} file` : 'Its content is not a recognised photo, video or audio format';
  throw new LetterError('unsupported_file', `${fileName} cannot be used. ${seen}. ${ACCEPTED_SENTENCE}`);
}

function isTextName(fileName: string): boolean {
  return path.extname(fileName).toLowerCase() === '.txt';
}

/** A .txt upload is the letter's message: NemoVideo takes no text files, so it is kept and sent with the next edit. */
function asMessage(fileName: string, bytes: Buffer): Prepared {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trim();
  if (!text || bytes.includes(0)) {
    throw new LetterError('unsupported_file', `${fileName} does not hold readable text. ${ACCEPTED_SENTENCE}`);
  }
  return { kind: 'message', fileName, format: 'txt', sizeBytes: bytes.length, text };
}
