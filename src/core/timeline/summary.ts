import type { Timeline, Track } from './model.js';

/** Seconds as people read them on a timeline: 0, 3, 4.5. */
export function formatSeconds(s: number): string {
  return String(Math.round(s * 10) / 10);
}

function span(track: Track): string {
  const first = track.segments[0];
  const last = track.segments.at(-1);
  if (!first || !last) return '';
  return `${formatSeconds(first.start)}-${formatSeconds(last.end)}s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeTrack(track: Track): string {
  const range = span(track);
  switch (track.role) {
    case 'video': {
      const photos = track.segments.filter((s) => s.kind !== 'clip').length;
      const clips = track.segments.length - photos;
      const parts = [photos ? plural(photos, 'photo') : '', clips ? plural(clips, 'clip') : ''].filter(Boolean);
      return `${track.name}: ${parts.join(' + ') || 'empty'} (${range})`;
    }
    case 'music':
    case 'voice': {
      const seg = track.segments[0];
      const volume = seg?.volume !== undefined ? `, ${Math.round(seg.volume * 100)}%` : '';
      return `${track.name}: ${seg?.label ?? 'none'} (${range}${volume})`;
    }
    default: {
      const seg = track.segments[0];
      const text =
        track.segments.length === 1 ? `"${seg?.text ?? seg?.label ?? ''}"` : plural(track.segments.length, 'line');
      return `${track.name}: ${text} (${range})`;
    }
  }
}

/**
 * One line a person can read at a glance, in the form the NemoVideo service uses:
 * `Timeline (3 tracks): 1. Video: 3 photos (0-18s) 2. BGM: Warm (0-18s, 35%) 3. Title: "Dear Mom" (0-3s)`.
 */
export function summarizeTimeline(timeline: Timeline | undefined): string {
  const tracks = timeline?.tracks.filter((t) => t.segments.length > 0) ?? [];
  if (tracks.length === 0) return 'Timeline (0 tracks): nothing yet. Upload photos and call generate_letter.';
  const items = tracks.map((t, i) => `${i + 1}. ${describeTrack(t)}`);
  return `Timeline (${plural(tracks.length, 'track')}): ${items.join(' ')}`;
}
