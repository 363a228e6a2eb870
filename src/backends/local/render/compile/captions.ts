import type { Timeline } from '../../../../core/timeline/model.js';
import { trackOf } from '../../../../core/timeline/model.js';

/** `00:01:02,345`, as SubRip writes times. */
export function srtTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

/**
 * Pure: the letter's on-screen text (title, message lines, closing) as a SubRip caption file, in
 * the order it appears, so players, social sites and screen readers can show or read it. Empty
 * when the letter has no words.
 */
export function captionsSrt(timeline: Timeline): string {
  const cues = (['title', 'message', 'closing'] as const)
    .flatMap((role) => trackOf(timeline, role)?.segments ?? [])
    .map((s) => ({ start: s.start, end: s.end, text: (s.text ?? s.label).trim() }))
    .filter((c) => c.text)
    .sort((a, b) => a.start - b.start);
  return cues.map((c, i) => `${i + 1}\n${srtTime(c.start)} --> ${srtTime(c.end)}\n${c.text}\n`).join('\n');
}
