import type { LetterSettings, StoredMedia } from '../project.js';
import { aspectRule } from './edits/aspect.js';
import { captionsRule } from './edits/captions.js';
import { clipsRule } from './edits/clips.js';
import { musicRule } from './edits/music.js';
import { narrationRule } from './edits/narration.js';
import { lengthRule, paceRule } from './edits/pace.js';
import { movePhotoRule, removePhotoRule } from './edits/photos.js';
import type { EditRule } from './edits/rule.js';
import { styleRule } from './edits/style.js';
import { voiceRule } from './edits/voice.js';
import { closingRule, textPositionRule, titleRule } from './edits/words.js';
import { UNDO_HELP } from './history.js';

export type { EditRule } from './edits/rule.js';

/**
 * Every rule sees the whole instruction. Order matters only where two rules could claim the same
 * words: quoted title/closing text first (so words inside quotes are not read as other edits),
 * photo removal before the music and voice rules that also know "remove".
 */
export const EDIT_RULES: readonly EditRule[] = [
  titleRule,
  closingRule,
  aspectRule,
  removePhotoRule,
  movePhotoRule,
  clipsRule,
  musicRule,
  voiceRule,
  narrationRule,
  captionsRule,
  paceRule,
  lengthRule,
  styleRule,
  textPositionRule,
];

export interface AppliedEdits {
  settings: LetterSettings;
  changes: string[];
}

/** Quoted text is the person's own words for a title or closing, never an edit to act on. */
const withoutQuotes = (text: string) =>
  text.replace(/["“「『][^"”」』]*["”」』]/gu, ' ').replace(/(?<![\p{L}\p{N}])'[^']*'(?![\p{L}\p{N}])/gu, ' ');

export function applyInstruction(
  instruction: string,
  settings: LetterSettings,
  media: StoredMedia[],
  rules = EDIT_RULES,
): AppliedEdits {
  const changes: string[] = [];
  let current = settings;
  const unquoted = withoutQuotes(instruction);
  for (const rule of rules) {
    const quotedRule = rule === titleRule || rule === closingRule;
    const result = rule.apply(quotedRule ? instruction : unquoted, current, media);
    if (result) {
      current = result.settings;
      changes.push(result.change);
    }
  }
  return { settings: current, changes };
}

export function editHelp(rules = EDIT_RULES): string {
  return [...rules.map((r) => r.help), UNDO_HELP].map((h) => `- ${h}`).join('\n');
}
