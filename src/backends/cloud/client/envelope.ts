import { readCode } from './failure.js';

/** The envelope every JSON reply carries: `{code, message, data}`; code 0 is success. */
export interface Envelope {
  code: number | null;
  message: string | undefined;
  data: unknown;
  /** The whole parsed body, for replies (render status) that put fields at the top level. */
  raw: Record<string, unknown>;
}

/**
 * Reads `{code, message, data}`. Replies without an envelope (a bare object) are accepted as data
 * with no code, because the render endpoints may answer that way (the spec says "read both").
 */
export function parseEnvelope(text: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const raw = parsed as Record<string, unknown>;
  const message = typeof raw.message === 'string' ? raw.message : typeof raw.msg === 'string' ? raw.msg : undefined;
  return { code: readCode(raw.code), message, data: 'data' in raw ? raw.data : raw, raw };
}
