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
  /** Indexes of changes not on a beat: none near enough without cutting a line short, fixed, or carried by another. */
  offBeat: number[];
}

/** A line boundary this close to a change is tied to it: the line changes with the photo. */
const TIED = 0.001;
/** A photo is on screen at least this long, whatever the beats. */
export const SHORTEST_SHOT = 1;

/** How far a change may move, and which changes stay or move with another. */
export interface BeatReach {
  /** Seconds a change may move, at most. */
  reach?: number;
  /** Indexes of changes that stay where they are (a held photo keeps the seconds asked). */
  fixed?: readonly number[];
  /**
   * A change's index to the index of the one that moves by as much with it, not to a beat of its
   * own: the change into a clip carries the change out of it, so the clip keeps its length.
   */
  carries?: ReadonlyMap<number, number>;
}

/**
 * Moves each photo change to the nearest beat that keeps every line tied to it readable (a line
 * that starts or ends at the change moves with it) and the photos in order, at least
 * SHORTEST_SHOT apart; tries the beats outward from the nearest, as far as `reach` seconds, and
 * leaves a change where it was when none fits or when it is `fixed`. A change another carries
 * moves by as much as its carrier (it is not on a beat of its own, so it is listed in `offBeat`).
 * Beats must be in order.
 */
export function cutsOnBeats(
  changes: readonly number[],
  beats: readonly number[],
  lines: readonly TimedLine[],
  { reach = 1, fixed = [], carries = new Map() }: BeatReach = {},
): OnBeat {
  const moved = [...changes];
  let placed = lines.map((l) => ({ ...l }));
  const offBeat: number[] = [];
  const carried = new Set(carries.values());
  moved.forEach((at, i) => {
    if (fixed.includes(i) || carried.has(i)) return void offBeat.push(i);
    const follower = carries.get(i);
    const candidates = beats
      .filter((b) => Math.abs(b - at) <= reach)
      .sort((a, b) => Math.abs(a - at) - Math.abs(b - at));
    const previous = i > 0 ? moved[i - 1]! : -Infinity;
    const last = follower ?? i;
    const next = last < moved.length - 1 ? moved[last + 1]! : Infinity;
    for (const beat of candidates) {
      const by = beat - at;
      if (beat - previous < SHORTEST_SHOT || next - (moved[last]! + by) < SHORTEST_SHOT) continue;
      const shifted = (x: number) =>
        Math.abs(x - at) < TIED ? beat : follower !== undefined && Math.abs(x - moved[follower]!) < TIED ? x + by : x;
      const tried = placed.map((l) => ({ ...l, start: shifted(l.start), end: shifted(l.end) }));
      const readable = tried.every(
        (l, k) => l.end - l.start >= Math.min(l.readingSeconds, lineLength(placed[k]!)) - 1e-9,
      );
      if (!readable) continue;
      moved[i] = beat;
      if (follower !== undefined) moved[follower] = moved[follower]! + by;
      placed = tried;
      return;
    }
    offBeat.push(i);
  });
  return { changes: moved, lines: placed, offBeat };
}
/** A line already shorter than its reading time (the person asked for a fast letter) may keep that length, no less. */
const lineLength = (l: TimedLine) => l.end - l.start;
