import { Readable } from 'node:stream';
import { LetterError } from '../../../core/errors.js';

// Reading replies with a bound: a JSON reply, an error reply or a download never grows without limit.

/** A JSON reply (a state with its draft is the largest) is never read beyond this. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** An error reply is read this far for its envelope; the rest is dropped. */
export const MAX_ERROR_BYTES = 64 * 1024;

export function tooLarge(maxBytes: number): LetterError {
  return new LetterError(
    'file_too_large',
    `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most a letter may be.`,
  );
}

/** Closes a reply's body unread; undici reports that close as an error nobody is waiting for. */
export function drop(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * The body as it streams, ending in an error once it passes `maxBytes`. Leaving the loop (the
 * error, or the reader stopping) closes the connection.
 */
export function capStream(body: Readable, maxBytes: number): Readable {
  let seen = 0;
  return Readable.from(
    (async function* () {
      for await (const chunk of body) {
        seen += (chunk as Buffer).length;
        if (seen > maxBytes) throw tooLarge(maxBytes);
        yield chunk as Buffer;
      }
    })(),
  );
}

/**
 * A body read as text, at most `maxBytes`. Past that, a reply is refused (`refuse`) or cut
 * (`truncate`, for error bodies, whose envelope if any is at the start); never buffered whole.
 */
export async function readCapped(
  body: Readable,
  maxBytes: number,
  over: 'refuse' | 'truncate' = 'refuse',
): Promise<string> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    seen += bytes.length;
    // Leaving the loop closes the connection: the rest is never read.
    if (seen > maxBytes) {
      if (over === 'truncate') {
        chunks.push(bytes.subarray(0, bytes.length - (seen - maxBytes)));
        break;
      }
      throw new LetterError(
        'cloud_error',
        `NemoVideo sent a reply larger than ${Math.round(maxBytes / 1024 / 1024)} MB, more than any answer needs, so it was not read. Try again; if it repeats, check NEMO_API_URL.`,
      );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
