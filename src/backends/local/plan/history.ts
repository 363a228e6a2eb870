import { HISTORY_LIMIT, type HistoryEntry, type LetterSettings } from '../project.js';

export const UNDO_HELP = 'undo: "undo" / "undo that" / "go back" / "撤销"';

export function asksToUndo(instruction: string): boolean {
  return /^\s*(please\s+)?(undo|revert|go back|take (that|it) back|change (it|that) back)\b|\bundo (that|the last (edit|change))\b|撤销|撤回|还原|恢复上一步|返回上一步/i.test(
    instruction,
  );
}

/** Remembers the settings before an edit, keeping only the newest HISTORY_LIMIT. */
export function remember(history: HistoryEntry[], before: LetterSettings, changes: string[]): HistoryEntry[] {
  return [...history, { settings: before, changes }].slice(-HISTORY_LIMIT);
}
