/**
 * A problem the person can act on: a stable code for programs, and a sentence for people that says
 * what was wrong and what is accepted. Raised at the edges, turned into `isError` tool results.
 */
export class LetterError extends Error {
  constructor(
    readonly code: LetterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LetterError';
  }
}

export type LetterErrorCode =
  | 'unsupported_file'
  | 'empty_file'
  | 'file_not_found'
  | 'file_too_large'
  | 'outside_roots'
  | 'nothing_added'
  | 'project_not_found'
  | 'media_not_found'
  | 'nothing_to_render'
  | 'invalid_request'
  | 'render_failed'
  | 'render_cancelled'
  | 'ffmpeg_missing'
  | 'auth_failed'
  | 'no_credits'
  | 'plan_required'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'cloud_unavailable'
  | 'cloud_error'
  | 'storage_unavailable'
  | 'too_long'
  | 'farm_missing';

export function isLetterError(e: unknown): e is LetterError {
  return e instanceof LetterError;
}
