/**
 * Cuts on the beat, pure: photo changes moved onto the music's beats, each message line kept on
 * screen at least as long as it takes to read.
 */

/** A message line on screen from `start` to `end` (seconds), needing `readingSeconds` to be read. */
export interface TimedLine {
  start: number;
  end: number;
  readingSeconds: number;
}

export interface OnBeat {
  /** The photo changes, in order, each on a beat where it could move to one. */
  changes: number[];
  /** The lines, with a boundary that was at a change moved with it. */
  lines: TimedLine[];
  /** Indexes of changes left where they were: no beat near enough without cutting a line short. */
  offBeat: number[];
}

/** A line boundary this close to a change is tied to it: the line changes with the photo. */
const TIED = 0.001;
/** A photo is on screen at least this long, whatever the beats. */
export const SHORTEST_SHOT = 1;

/**
 * Moves each photo change to the nearest beat that keeps every line tied to it readable (a line
 * that starts or ends at the change moves with it) and the photos in order, at least
 * SHORTEST_SHOT apart; tries the beats outward from the nearest, as far as `reach` seconds, and
 * leaves a change where it was when none fits, or when its index is in `fixed` (a clip's start or
 * end: a clip plays its own length). Beats must be in order.
 */
export function cutsOnBeats(
  changes: readonly number[],
  beats: readonly number[],
  lines: readonly TimedLine[],
  reach = 1,
  fixed: readonly number[] = [],
): OnBeat {
  const moved = [...changes];
  let placed = lines.map((l) => ({ ...l }));
  const offBeat: number[] = [];
  moved.forEach((at, i) => {
    if (fixed.includes(i)) return void offBeat.push(i);
    const candidates = beats
      .filter((b) => Math.abs(b - at) <= reach)
      .sort((a, b) => Math.abs(a - at) - Math.abs(b - at));
    const previous = i > 0 ? moved[i - 1]! : -Infinity;
    const next = i < moved.length - 1 ? moved[i + 1]! : Infinity;
    for (const beat of candidates) {
      if (beat - previous < SHORTEST_SHOT || next - beat < SHORTEST_SHOT) continue;
      const tried = placed.map((l) => ({
        ...l,
        start: Math.abs(l.start - at) < TIED ? beat : l.start,
        end: Math.abs(l.end - at) < TIED ? beat : l.end,
      }));
      const readable = tried.every(
        (l, k) => l.end - l.start >= Math.min(l.readingSeconds, lineLength(placed[k]!)) - 1e-9,
      );
      if (!readable) continue;
      moved[i] = beat;
      placed = tried;
      return;
    }
    offBeat.push(i);
  });
  return { changes: moved, lines: placed, offBeat };
}

/** A line already shorter than its reading time (the person asked for a fast letter) may keep that length, no less. */
const lineLength = (l: TimedLine) => l.end - l.start;
