import type { RequestHandler } from 'express';
import type { DownloadLinks } from './links.js';

const sentence = (res: Parameters<RequestHandler>[1], status: number, text: string) =>
  res.status(status).type('text/plain; charset=utf-8').send(`${text}\n`);

/**
 * GET/HEAD /downloads/<token>/<name>: the file behind a download link. Express's sendFile answers
 * Range requests (206, Accept-Ranges, If-Range), so a phone's player can start before the whole
 * letter has arrived and seek in it. The name is only there so saved files are named well.
 */
export function downloadRoute(links: DownloadLinks): RequestHandler {
  return async (req, res, next) => {
    const resolved = await links.resolve(String(req.params.token));
    if (resolved.status === 'expired') {
      sentence(
        res,
        410,
        `This download link expired on ${resolved.expiredAt.toISOString()}. Ask for the letter again (export_video) to get a new link.`,
      );
      return;
    }
    if (resolved.status === 'unknown') {
      sentence(
        res,
        404,
        'There is no download at this address. Check the link, or ask for the letter again (export_video) to get a new one.',
      );
      return;
    }
    res.sendFile(
      resolved.file,
      { headers: { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } },
      (err: (NodeJS.ErrnoException & { status?: number }) | undefined) => {
        if (!err || res.headersSent) return;
        if (err.code === 'ENOENT')
          sentence(
            res,
            404,
            'This letter is no longer on the server. Ask for it again (export_video) to render it anew.',
          );
        else if (err.status === 416)
          // send set Content-Range (bytes */<size>) already; the answer is a sentence, not the video's type.
          sentence(
            res,
            416,
            'The range asked for is outside this file; the Content-Range header says its size. Ask for a range inside it, or for the whole file.',
          );
        else if (err.status && err.status < 500) sentence(res, err.status, 'This download request cannot be answered.');
        else next(err);
      },
    );
  };
}
