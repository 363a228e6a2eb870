import { describe, expect, it } from 'vitest';
import { builtInBeats } from '../../../../../src/backends/local/music/beats.js';
import { cutsOnBeats } from '../../../../../src/backends/local/music/on-beat.js';

describe('the beats of the built-in music', () => {
  it('are every 60/bpm seconds from where the music starts (warm: 72 bpm)', () => {
    expect(builtInBeats('warm', 3, 6)).toEqual([3, 3.833, 4.667, 5.5]);
  });
});

describe('cuts on the beat', () => {
  const beats = builtInBeats('celebration', 0, 30); // 120 bpm: every half second

  it('moves each photo change to the nearest beat', () => {
    const r = cutsOnBeats([3.4, 7.1, 10.8], beats, []);
    expect(r.changes).toEqual([3.5, 7, 11]);
    expect(r.offBeat).toEqual([]);
  });

  it('moves a line that starts and ends with its photo along with the change', () => {
    const lines = [
      { start: 0, end: 3.4, readingSeconds: 2 },
      { start: 3.4, end: 7.1, readingSeconds: 2 },
    ];
    const r = cutsOnBeats([3.4, 7.1], beats, lines);
    expect(r.lines.map((l) => [l.start, l.end])).toEqual([
      [0, 3.5],
      [3.5, 7],
    ]);
  });

  it('takes the beat on the other side when the nearest would cut a line below its reading time', () => {
    // The line needs 3.7 s: the nearest beat (7.0) would leave it 3.6 s, the next one (7.5) 4.1 s.
    const lines = [{ start: 3.4, end: 7.1, readingSeconds: 3.7 }];
    const r = cutsOnBeats([7.1], beats, lines);
    expect(r.changes).toEqual([7.5]);
    expect(r.lines[0]!.end - r.lines[0]!.start).toBeGreaterThanOrEqual(3.7);
  });

  it('leaves a change where it was when no beat within reach keeps the line readable, and says which', () => {
    const lines = [{ start: 5, end: 7.1, readingSeconds: 2.1 }];
    const r = cutsOnBeats([5, 7.1], [5.2, 7.0], lines, { reach: 0.3 });
    expect(r.changes).toEqual([5, 7.1]);
    expect(r.offBeat).toEqual([0, 1]);
  });

  it('keeps photos in order and at least a second apart', () => {
    // The second change's only beat (4.4) would leave the photo between them 0.9 s.
    const r = cutsOnBeats([3.3, 4.5], [3.5, 4.4], []);
    expect(r.changes).toEqual([3.5, 4.5]);
    expect(r.offBeat).toEqual([1]);
  });

  it('moves the change into a clip onto a beat and carries the change out of it by as much, so the clip keeps its length', () => {
    // The clip plays from 3.4 s to 6.3 s; the change into it carries the change out.
    const r = cutsOnBeats([3.4, 6.3, 9.1], beats, [], { carries: new Map([[0, 1]]) });
    expect(r.changes).toEqual([3.5, 6.4, 9]);
    expect(r.offBeat).toEqual([1]);
  });
});
