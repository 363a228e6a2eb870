/**
 * The heavy libraries (native picture and drawing code, file sniffing, EXIF), each imported the
 * first time a letter needs it and kept. A host starts the stdio server every time it opens and
 * waits for tools/list; importing these at start was about a third of that wait
 * (bench/cold-start.ts), and `test/e2e/stdio-start.test.ts` checks a start loads none of them.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

export type SharpLibrary = typeof import('sharp').default;

export const loadSharp = once(async (): Promise<SharpLibrary> => (await import('sharp')).default);
export const loadCanvas = once(() => import('@napi-rs/canvas'));
export const loadFileType = once(() => import('file-type'));
export const loadExifr = once(async () => (await import('exifr')).default);
