import { HISTORY_LIMIT, type HistoryEntry, type LetterSettings } from '../project.js';

/** Remembers the settings before an edit, keeping only the newest HISTORY_LIMIT. */
export function remember(history: HistoryEntry[], before: LetterSettings, changes: string[]): HistoryEntry[] {
  return [...history, { settings: before, changes }].slice(-HISTORY_LIMIT);
}
