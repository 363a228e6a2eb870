/**
 * Small readers for replies whose exact shape the spec leaves open: they look for a field under
 * each of its likely names and accept numbers sent as strings, so a harmless variation on the
 * server's side never breaks the client.
 */
export type Obj = Record<string, unknown>;

export function asObject(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function pick(o: Obj | undefined, keys: readonly string[]): unknown {
  if (!o) return undefined;
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

export function pickString(o: Obj | undefined, keys: readonly string[]): string | undefined {
  const v = pick(o, keys);
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function pickNumber(o: Obj | undefined, keys: readonly string[]): number | undefined {
  const v = pick(o, keys);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** What a value is, in words, for a sentence about an odd reply (never the value itself). */
export function shapeOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a piece of text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'true or false';
  return v === null || v === undefined ? 'nothing' : 'an object';
}

/** JSON that sometimes arrives as a JSON-encoded string (drafts do, in some APIs). */
export function unwrapJsonString(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * The file name at the end of a link (query and fragment dropped), percent-decoded. A malformed
 * escape (`%zz`, a lone `%`) leaves the name as sent: a name is only shown to people, never worth
 * failing a call over. Undefined when the link ends in no name.
 */
export function fileNameOfUrl(link: string): string | undefined {
  const last = (link.split(/[?#]/)[0] ?? link).split('/').filter(Boolean).at(-1);
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
