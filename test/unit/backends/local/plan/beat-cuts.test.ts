import { describe, expect, it } from 'vitest';
import { builtInBeats } from '../../../../../src/backends/local/music/beats.js';
import { songBeats } from '../../../../../src/backends/local/plan/beat-cuts.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { readingSeconds } from '../../../../../src/backends/local/plan/pacing.js';
import { LetterSettings } from '../../../../../src/backends/local/project.js';
import { trackOf, type Timeline } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photos = Array.from({ length: 6 }, (_, i) => storedPhoto(`p${i + 1}`));
const base = LetterSettings.parse({
  title: 'Dear Grandma',
  message: 'We miss you.\nThe garden is in bloom.\nSee you at Easter.',
  closing: 'Love, Anna',
});
/** Where each photo takes over from the one before: the cut, or the middle of the crossfade. */
const changes = (t: Timeline) => {
  const shots = trackOf(t, 'video')!.segments;
  return shots.slice(1).map((s, i) => (shots[i]!.end + s.start) / 2);
};
const nearest = (t: number, beats: number[]) => Math.min(...beats.map((b) => Math.abs(b - t)));

describe('photo changes on the beat, in the plan', () => {
  it('with the built-in music, every change between photos is on a beat of its mood', () => {
    for (const mood of ['warm', 'celebration'] as const) {
      const settings = { ...base, music: { ...base.music, mood } };
      const t = planLetter(settings, photos);
      const beats = builtInBeats(mood, 0, t.duration);
      for (const at of changes(t)) expect(nearest(at, beats)).toBeLessThan(0.002);
    }
  });

  it('every message line keeps its reading time', () => {
    const t = planLetter(base, photos);
    for (const line of trackOf(t, 'message')!.segments)
      expect(line.end - line.start).toBeGreaterThanOrEqual(readingSeconds(line.text!) - 0.001);
  });

  it('without music the changes stay where the pacing put them', () => {
    const off = { ...base, music: { ...base.music, enabled: false } };
    const beats = builtInBeats('warm', 0, 60);
    expect(changes(planLetter(off, photos)).some((at) => nearest(at, beats) > 0.05)).toBe(true);
  });

  it('a photo the person held keeps the seconds asked', () => {
    const held = { ...base, moments: { p3: { seconds: 7 } } };
    const shot = trackOf(planLetter(held, photos), 'video')!.segments[2]!;
    expect(shot.end - shot.start).toBeCloseTo(7, 3);
  });
});

describe("an uploaded song's beats in the letter", () => {
  it('repeat with the song when it is shorter than the letter, the loop crossfade taken into account', () => {
    // A 10 s song with a beat every second, looped with a 2 s crossfade: each repeat starts 8 s later.
    const beats = Array.from({ length: 10 }, (_, i) => i);
    expect(songBeats(beats, 10, 20)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    ]);
    // In the crossfade (16..18 s) the outgoing repeat's beats count until its middle, the incoming one's after.
    expect(songBeats([0.5, 4.5, 9.5], 10, 20)).toEqual([0.5, 4.5, 12.5]);
  });
});
