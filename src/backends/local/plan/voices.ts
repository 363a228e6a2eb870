import type { Segment } from '../../../core/timeline/model.js';
import type { StoredMedia, VoicePlacement } from '../project.js';

const round = (s: number) => Math.round(s * 1000) / 1000;

/** A breath between two recordings that would otherwise run into each other. */
export const BETWEEN_RECORDINGS = 0.4;
/** A recording placed at a moment starts just after the moment begins to appear. */
const AFTER_MOMENT_APPEARS = 0.3;

export interface Recording {
  media: StoredMedia;
  seconds: number;
  at: VoicePlacement['at'];
}

export interface PlacedRecording extends Recording {
  start: number;
  end: number;
}

/** Seconds that recordings need back to back, with a breath between each. */
export const backToBack = (recordings: readonly Recording[]) =>
  recordings.reduce((sum, r) => sum + r.seconds, 0) + Math.max(0, recordings.length - 1) * BETWEEN_RECORDINGS;

/**
 * Pure: when each recording plays. From the start: at `first` (as the title fades); at a moment:
 * as it appears; at the end: back to back from `endsFrom`. None talks over another: a recording
 * that would start before the one before it ends waits for it.
 */
export function placeRecordings(
  recordings: readonly Recording[],
  shots: readonly Segment[],
  first: number,
  endsFrom: number,
): PlacedRecording[] {
  let end = endsFrom;
  const wanted = recordings.map((r) => {
    if (r.at === 'start') return { r, start: first };
    if (r.at === 'end') {
      const start = end;
      end += r.seconds + BETWEEN_RECORDINGS;
      return { r, start };
    }
    const moment = r.at.moment;
    const shot = shots.find((s) => s.mediaId === moment);
    return { r, start: shot ? shot.start + AFTER_MOMENT_APPEARS : first };
  });
  let free = 0;
  return wanted
    .sort((a, b) => a.start - b.start)
    .map(({ r, start }) => {
      const at = round(Math.max(start, free));
      free = at + r.seconds + BETWEEN_RECORDINGS;
      return { ...r, start: at, end: round(at + r.seconds) };
    });
}
