import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Backend, ExportResult } from '../backends/backend.js';
import type { DownloadLinks } from '../downloads/links.js';
import { LetterError } from '../errors.js';
import { downloadToFile, type UrlPolicy } from '../url-upload/fetch.js';

export interface HostedOptions {
  links: DownloadLinks;
  /** Where this server is reached, for download links (no trailing slash). */
  baseUrl: string;
  /** Only one person on this machine may name files on its disk; people with tokens may not. */
  allowPaths: boolean;
  urlPolicy: UrlPolicy;
  urlMaxBytes: number;
  /** Where URL downloads wait to be inspected (the person's own folder). */
  tmpDir: string;
}

/**
 * A backend as seen over HTTP: uploads by link are fetched here (for the local engine; NemoVideo
 * fetches links itself), paths on the server's disk are refused to remote people, and a finished
 * letter comes with a download link instead of only a path on the server.
 */
export function hostedBackend(inner: Backend, options: HostedOptions): Backend {
  return {
    name: inner.name,
    state: (projectId) => inner.state(projectId),
    credits: () => inner.credits(),
    generate: (projectId, request, ctx) => inner.generate(projectId, request, ctx),
    close: () => inner.close(),
    ...(inner.storyboard && { storyboard: inner.storyboard.bind(inner) }),

    async upload(input, ctx) {
      if (input.path && !options.allowPaths) {
        throw new LetterError(
          'invalid_request',
          'A path names a file on the server, not on your computer. Send the file as content_base64 with file_name, or as a public https url for large files.',
        );
      }
      if (!input.url || inner.name !== 'local') return inner.upload(input, ctx);
      await fs.mkdir(options.tmpDir, { recursive: true });
      const dest = path.join(options.tmpDir, `url-${randomBytes(6).toString('hex')}`);
      try {
        const { fileName } = await downloadToFile(input.url, dest, {
          maxBytes: options.urlMaxBytes,
          policy: options.urlPolicy,
          signal: ctx.signal,
        });
        const { url: _url, ...rest } = input;
        return await inner.upload({ ...rest, path: dest, fileName: input.fileName ?? fileName }, ctx);
      } finally {
        await fs.rm(dest, { force: true });
      }
    },

    async export(projectId, exportOptions, ctx): Promise<ExportResult> {
      const result = await inner.export(projectId, exportOptions, ctx);
      if (result.status !== 'done') return result;
      const video = await options.links.issue(result.path, options.baseUrl);
      const captions = result.captionsPath
        ? await options.links.issue(result.captionsPath, options.baseUrl)
        : undefined;
      return {
        ...result,
        download: {
          url: video.url,
          ...(captions && { captionsUrl: captions.url }),
          expiresAt: video.expiresAt.toISOString(),
        },
      };
    },
  };
}
