import type { LetterSettings, StoredMedia } from '../../project.js';

/**
 * Plain-language edits, each a small deterministic rule. A rule looks at the whole instruction
 * and, when it recognises its request, returns the new settings and one sentence saying what
 * changed. Several rules may apply to one instruction ("vertical, and music quieter").
 */
export interface EditRule {
  /** What the rule understands, as listed to the agent when nothing matched. */
  help: string;
  apply(instruction: string, settings: LetterSettings, media: StoredMedia[]): EditResult | null;
}

export interface EditResult {
  settings: LetterSettings;
  change: string;
}

export const percent = (v: number) => `${Math.round(v * 100)}%`;
export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
