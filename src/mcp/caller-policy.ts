import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import type { ProjectState } from '../core/backend.js';
import type { ExportInfo } from '../core/render.js';
import { LetterError } from '../core/errors.js';
import { realPath, rootsOf } from './roots.js';

/** A finished file published as a link the caller can open from where it is. */
export interface PublishedLink {
  url: string;
  expiresAt: Date;
}

/**
 * What one caller may do with files, decided once where the caller connects (stdio, HTTP for one
 * person on this machine, HTTP for people with tokens) and handed to the tools, which ask it before
 * any file-system call.
 */
export interface CallerPolicy {
  /**
   * Which files on the server's disk the caller may name: `local` any path, limited to the
   * client's MCP roots when it declares them (the person runs the server on their own computer);
   * `none` no path at all (remote people: the server's disk is not theirs).
   */
  paths: 'local' | 'none';
  /**
   * Fetches a link into the caller's own temp folder for the local engine (over HTTP, made by
   * hosting/url-upload/); absent, the engine decides (the cloud fetches links itself).
   */
  fetchLink?: LinkFetcher;
  /** Publishes a finished file as a download link; absent, the caller sees the file's path (stdio). */
  publish?: (file: string) => Promise<PublishedLink>;
  /** The largest `content_base64` the transport carries in one message, in characters. */
  base64MaxChars: number;
  /** Refuses a new upload or render when the person is over one of their limits (HTTP). */
  quotas?: { beforeUpload(): Promise<void>; beforeRender(projectId: string): Promise<void> };
}

/**
 * Base64 content over stdio: one message is at most 10 MB (STDIO_MAX_MESSAGE_BYTES, the SDK's
 * reader); 7 MB of base64 (a 5.25 MB file) leaves room for the JSON-RPC envelope, the other
 * arguments and a client that escapes. Bigger files go by path, which stdio always has.
 */
export const STDIO_BASE64_MAX_CHARS = 7 * 1024 * 1024;

/** A person on this computer over stdio: any local path (within the client's roots), file paths shown. */
export const LOCAL_POLICY: CallerPolicy = { paths: 'local', base64MaxChars: STDIO_BASE64_MAX_CHARS };

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The sentence for base64 content over the bound, pointing to the ways that carry any size. */
export function base64Bound(policy: CallerPolicy): string {
  const ways =
    policy.paths === 'none'
      ? 'send it by link instead (url, a public https address)'
      : 'pass its path instead (path, a file on this computer)';
  return `Files sent as content_base64 can be up to ${mb((policy.base64MaxChars * 3) / 4)} (${mb(policy.base64MaxChars)} of base64 in one message); for a larger file ${ways}.`;
}

/**
 * The system's own folders: settings, secrets and the kernel's live files (/proc/self/environ holds
 * the server's environment). No letter's photos live there, so no caller may name them, even on
 * their own computer; the refusal names no file in them.
 */
const SYSTEM_FOLDERS = ['/etc', '/proc', '/sys', '/dev', '/boot', '/run'];

const insideSystemFolder = (where: string) =>
  SYSTEM_FOLDERS.some((folder) => where === folder || where.startsWith(`${folder}${path.sep}`));

/** A link fetched to a file; `done` removes the file once the upload has stored its copy. */
export interface FetchedLink {
  file: string;
  fileName: string;
  done: () => Promise<void>;
}

export type LinkFetcher = (url: string, signal: AbortSignal) => Promise<FetchedLink>;

/** The decisions of a policy for one MCP server's client (its roots are that client's). */
export interface CallerGate {
  policy: CallerPolicy;
  /**
   * The real path of a file or folder the caller named, once the policy allows it; throws a
   * sentence otherwise. Only the named path itself is resolved: nothing is listed or read.
   */
  admit(named: string): Promise<string>;
  /** Fetches a link into the caller's own temp folder; returns the file and its name. */
  fetchLink(url: string, signal: AbortSignal): Promise<FetchedLink | undefined>;
}

export function callerGate(server: McpServer, policy: CallerPolicy): CallerGate {
  const roots = rootsOf(server);
  return {
    policy,
    async admit(named) {
      if (policy.paths === 'none')
        throw new LetterError(
          'invalid_request',
          'A path names a file on the server, not on your computer. Send the file as content_base64 with file_name, or as a public https url for large files.',
        );
      const where = await realPath(named);
      if (insideSystemFolder(where))
        throw new LetterError(
          'outside_roots',
          `"${named}" is in a system folder of this computer (${SYSTEM_FOLDERS.join(', ')}), which video-letter-mcp never reads. Pick photos, clips and recordings from your own folders.`,
        );
      await roots.check(named, where);
      return where;
    },
    fetchLink: async (url, signal) => policy.fetchLink?.(url, signal),
  };
}

/** What the caller is shown of a file on the server: its path on this computer, only its name where links are published. */
export function shownPath(policy: CallerPolicy, file: string): string {
  return policy.publish ? path.basename(file) : file;
}

function shownFiles<T extends { path?: string | undefined; captionsPath?: string | undefined }>(
  policy: CallerPolicy,
  item: T,
): T {
  return {
    ...item,
    ...(item.path !== undefined && { path: shownPath(policy, item.path) }),
    ...(item.captionsPath !== undefined && { captionsPath: shownPath(policy, item.captionsPath) }),
  };
}

/** A letter's state as the caller may see it: no server paths for people reached over HTTP. */
export function shownState(policy: CallerPolicy, state: ProjectState): ProjectState {
  if (!policy.publish) return state;
  return {
    ...state,
    lastExport: state.lastExport && shownFiles(policy, state.lastExport),
    renders: state.renders.map((r) => shownFiles(policy, r)),
  };
}

/** A finished export as the caller may see it, with download links where the policy publishes them. */
export async function shownExport(policy: CallerPolicy, done: ExportInfo): Promise<ExportInfo> {
  if (!policy.publish) return done;
  const video = await policy.publish(done.path);
  const captions = done.captionsPath ? await policy.publish(done.captionsPath) : undefined;
  return {
    ...shownFiles(policy, done),
    download: {
      url: video.url,
      ...(captions && { captionsUrl: captions.url }),
      expiresAt: video.expiresAt.toISOString(),
    },
  };
}
