import { describe, expect, it } from 'vitest';
import { applyRequest } from '../../../../../src/backends/local/letter-request.js';
import { fitFor } from '../../../../../src/backends/local/plan/fit.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { summarizeTimeline } from '../../../../../src/core/timeline/summary.js';
import { trackOf } from '../../../../../src/core/timeline/model.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const photo = (id: string, width = 4000, height = 3000) => storedPhoto(id, { width, height });
const clip = (id: string, seconds: number, sound = true, width = 1920, height = 1080): StoredMedia => ({
  id,
  kind: 'video',
  fileName: `${id}.mp4`,
  format: 'mp4',
  sizeBytes: 1,
  width,
  height,
  durationSeconds: seconds,
  hasSound: sound,
  storedAs: `${id}.mp4`,
  uploadedAt: '',
});
const settings = (over: Partial<LetterSettings> = {}) => ({ ...LetterSettings.parse({}), ...over });
const shots = (media: StoredMedia[], over: Partial<LetterSettings> = {}) =>
  trackOf(planLetter(settings(over), media), 'video')!.segments;

describe('fitting pictures to the frame', () => {
  it('crops a picture close to the frame’s shape to fill it', () => {
    expect(fitFor(4000, 3000, '16:9')).toBe('cover');
    expect(fitFor(3000, 4000, '9:16')).toBe('cover');
    expect(fitFor(1000, 1000, '1:1')).toBe('cover');
  });

  it('shows a picture whose shape fights the frame whole, over a blurred copy', () => {
    expect(fitFor(3000, 4000, '16:9')).toBe('contain');
    expect(fitFor(1920, 1080, '9:16')).toBe('contain');
    expect(fitFor(1920, 1080, '1:1')).toBe('contain');
  });

  it('records the fit of each shot on the timeline, for the letter’s aspect', () => {
    const media = [photo('wide', 4000, 3000), photo('tall', 3000, 4000)];
    expect(shots(media).map((s) => s.fit)).toEqual(['cover', 'contain']);
    expect(shots(media, { aspect: '9:16' }).map((s) => s.fit)).toEqual(['contain', 'cover']);
  });
});

describe('planning clips', () => {
  it('puts clips among the photos in upload order, as clips, without Ken Burns', () => {
    const video = shots([photo('a'), clip('c', 6), photo('b')]);
    expect(video.map((s) => [s.mediaId, s.kind])).toEqual([
      ['a', 'photo'],
      ['c', 'clip'],
      ['b', 'photo'],
    ]);
    expect(video[1]!.motion).toBeUndefined();
    expect(video[0]!.motion).toBeDefined();
  });

  it('plays a clip for its own length, photos sharing the rest, neighbours overlapping by one crossfade', () => {
    const video = shots([photo('a'), clip('c', 6), photo('b')]);
    expect(video[1]!.end - video[1]!.start).toBeCloseTo(6);
    expect(video[1]!.start).toBeCloseTo(video[0]!.end - 1);
    expect(video[2]!.start).toBeCloseTo(video[1]!.end - 1);
  });

  it('plays only the first 15 seconds of a long clip, unless the person allows longer', () => {
    expect(shots([clip('long', 40)])[0]).toMatchObject({ start: 0, end: 15 });
    expect(shots([clip('long', 40)], { clips: { maxSeconds: 30, volume: 1 } })[0]).toMatchObject({ start: 0, end: 30 });
  });

  it('keeps a clip’s own sound at 100% by default, at the level the person sets otherwise', () => {
    expect(shots([clip('c', 5)])[0]!.volume).toBe(1);
    expect(shots([clip('c', 5)], { clips: { maxSeconds: 15, volume: 0.4 } })[0]!.volume).toBe(0.4);
  });

  it('gives a silent clip no sound level', () => {
    expect(shots([clip('c', 5, false)])[0]!.volume).toBeUndefined();
  });

  it('follows a requested order that names clips too', () => {
    expect(shots([photo('a'), clip('c', 5), photo('b')], { photoOrder: ['c', 'b'] }).map((s) => s.mediaId)).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('holds the last clip of a clips-only letter when its words need longer than the clips play', () => {
    const message =
      'We went to the sea. The kids laughed all day. We ate ice cream at sunset. We thought of you the whole time.';
    const t = planLetter(settings({ message, title: 'Hello', closing: 'Love' }), [clip('c', 5)]);
    expect(t.duration).toBeGreaterThan(5);
    expect(trackOf(t, 'video')!.segments[0]).toMatchObject({ start: 0, end: t.duration });
  });

  it('counts photos and clips apart in the summary', () => {
    const t = planLetter(settings(), [photo('a'), clip('c', 5), photo('b')]);
    expect(summarizeTimeline(t)).toMatch(/^Timeline \(\d tracks\): 1\. Video: 2 photos \+ 1 clip \(/);
  });
});

describe('the clips request', () => {
  it('sets how long clips may play and how loud their sound is, saying so', () => {
    const outcome = applyRequest({ clips: { maxSeconds: 30, volume: 0.5 } }, settings(), []);
    expect(outcome.settings.clips).toEqual({ maxSeconds: 30, volume: 0.5 });
    expect(outcome.changes).toEqual(['Clips play at most 30 s each.', "Every clip's own sound at 50% of as recorded."]);
  });
});
