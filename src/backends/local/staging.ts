import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LetterError } from '../../core/errors.js';
import { LOCAL_ACCEPTED_SENTENCE, MAX_UPLOAD_BYTES } from '../../core/media/formats.js';
import type { UploadInput } from '../../core/backend.js';
import { newId } from './engine.js';
import { MAX_FILE_NAME_CHARS } from './limits.js';

export interface Staged {
  path: string;
  fileName: string;
  /** A decoded copy to remove once the upload is stored. */
  temporary: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const noControl = (what: string) =>
  new LetterError(
    'invalid_request',
    `The ${what} has control characters in it (such as a NUL byte), which a file name cannot hold. Give it a plain name such as "beach.jpg".`,
  );

/**
 * A file name a person can read back and a file system can hold: no control characters (a NUL
 * cuts a path short) and at most MAX_FILE_NAME_CHARS. Refused before any disk access.
 */
function checkFileName(fileName: string): string {
  if (CONTROL.test(fileName)) throw noControl('file name');
  if (fileName.length > MAX_FILE_NAME_CHARS)
    throw new LetterError(
      'invalid_request',
      `The file name is ${fileName.length} characters long; a file name can be at most ${MAX_FILE_NAME_CHARS}. Give it a shorter name such as "beach.jpg".`,
    );
  return fileName;
}

/** Puts the upload in a file we can inspect: the given path, or base64 content decoded to a temp file under `home`. */
export async function stageUpload(input: UploadInput, home: string): Promise<Staged> {
  if (input.url)
    throw new LetterError(
      'invalid_request',
      'The local engine cannot fetch URLs. Pass a local file path, or the file content as base64 with a file name.',
    );
  if (input.path) {
    if (CONTROL.test(input.path)) throw noControl('path');
    const fileName = checkFileName(input.fileName ?? path.basename(input.path));
    return { path: path.resolve(input.path), fileName, temporary: false };
  }
  if (input.contentBase64 !== undefined) {
    if (!input.fileName)
      throw new LetterError(
        'invalid_request',
        'Base64 content needs a file_name (for example "beach.jpg") so the letter can refer to it.',
      );
    checkFileName(input.fileName);
    if (input.contentBase64.length * 0.75 > MAX_UPLOAD_BYTES + 4) {
      throw new LetterError(
        'file_too_large',
        `"${input.fileName}" is over the 200 MB limit. Compress it or trim it, then upload again.`,
      );
    }
    const bytes = Buffer.from(input.contentBase64, 'base64');
    // Under this process's own folder: a server started after this one was killed removes it (jobs/sweep.ts).
    const tmp = path.join(home, 'tmp', String(process.pid), `${newId('upload')}-${path.basename(input.fileName)}`);
    await fs.mkdir(path.dirname(tmp), { recursive: true });
    await fs.writeFile(tmp, bytes);
    return { path: tmp, fileName: path.basename(input.fileName), temporary: true };
  }
  throw new LetterError(
    'invalid_request',
    `Nothing to upload: pass "path" (a file on this computer) or "content_base64" with "file_name". ${LOCAL_ACCEPTED_SENTENCE}`,
  );
}
