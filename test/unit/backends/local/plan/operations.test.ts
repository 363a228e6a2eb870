import { describe, expect, it } from 'vitest';
import { applyOperations } from '../../../../../src/backends/local/plan/operations/apply.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { trackOf, type Timeline } from '../../../../../src/core/timeline/model.js';
import { EditOperation, type EditOperationInput } from '../../../../../src/core/timeline/operations.js';
import { momentsOf, voicesOf } from '../../../../../src/core/timeline/moments.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

const media: StoredMedia[] = [
  storedPhoto('p1', { fileName: 'beach.jpg' }),
  storedPhoto('p2', { fileName: 'garden.jpg' }),
  storedPhoto('p3', { fileName: 'party.jpg' }),
  storedPhoto('c1', { kind: 'video', fileName: 'walk.mp4', format: 'mp4', durationSeconds: 4, hasSound: true }),
  storedPhoto('v1', { kind: 'audio', fileName: 'memo.m4a', format: 'm4a', durationSeconds: 3, role: 'voice' }),
];
const base = LetterSettings.parse({
  title: 'Dear Grandma',
  closing: 'Love, Anna',
  message: 'Happy birthday! We miss you. See you soon.',
});

/** Applies the operations (parsed as a caller would send them) and plans the letter a person would see. */
function edit(...ops: EditOperationInput[]) {
  const applied = applyOperations(
    base,
    media,
    ops.map((o) => EditOperation.parse(o)),
  );
  return { ...applied, timeline: planLetter(applied.settings, media) };
}
const shot = (t: Timeline, file: string) => trackOf(t, 'video')?.segments.find((s) => s.label === file);
const words = (t: Timeline) => trackOf(t, 'message')?.segments ?? [];

describe('applyOperations', () => {
  it('shows a caption on the beach photo as words during that photo', () => {
    const { timeline, done } = edit({ op: 'caption', moment: { file: 'beach' }, text: 'Our summer' });
    const beach = shot(timeline, 'beach.jpg')!;
    const caption = words(timeline).find((w) => w.text === 'Our summer')!;
    expect(caption.start).toBeGreaterThanOrEqual(beach.start);
    expect(caption.end).toBeLessThanOrEqual(beach.end);
    expect(done[0]?.sentence).toBe('beach.jpg shows "Our summer" while it is on screen.');
  });

  it('paces the message lines around a captioned moment', () => {
    const { timeline } = edit({ op: 'caption', moment: { position: 2 }, text: 'The garden' });
    const garden = words(timeline).find((w) => w.text === 'The garden')!;
    const others = words(timeline).filter((w) => w.text !== 'The garden');
    for (const line of others) expect(line.end <= garden.start || line.start >= garden.end).toBe(true);
  });

  it('holds the second photo on screen for the seconds asked', () => {
    const { timeline } = edit({ op: 'hold', moment: { position: 2 }, to: 7 });
    const garden = shot(timeline, 'garden.jpg')!;
    expect(garden.end - garden.start).toBeCloseTo(7, 2);
  });

  it('makes every photo stay longer than before', () => {
    const before = planLetter(base, media);
    const { timeline } = edit({ op: 'hold', moment: 'all', change: 'longer' });
    for (const file of ['beach.jpg', 'garden.jpg', 'party.jpg']) {
      const was = shot(before, file)!;
      const now = shot(timeline, file)!;
      expect(now.end - now.start).toBeGreaterThan(was.end - was.start + 1);
    }
  });

  it('swaps the first two moments', () => {
    const { timeline } = edit({ op: 'swap', a: { position: 1 }, b: { position: 2 } });
    expect(momentsOf(timeline).map((m) => m.file)).toEqual(['garden.jpg', 'beach.jpg', 'party.jpg', 'walk.mp4']);
  });

  it('moves a moment to the end and removes and restores another', () => {
    const { timeline } = edit(
      { op: 'move', moment: { file: 'beach.jpg' }, to: 'last' },
      { op: 'remove', moment: { file: 'party.jpg' } },
      { op: 'restore', moment: { id: 'p3' } },
    );
    expect(momentsOf(timeline).map((m) => m.file)).toEqual(['garden.jpg', 'walk.mp4', 'beach.jpg', 'party.jpg']);
  });

  it('plays only the trimmed part of a clip', () => {
    const { timeline } = edit({ op: 'trim', moment: { file: 'walk.mp4' }, from: 1, to: 3 });
    const walk = shot(timeline, 'walk.mp4')!;
    expect(walk.from).toBe(1);
    expect(walk.end - walk.start).toBeCloseTo(2, 2);
  });

  it('gives a short clip a short crossfade, never mostly fading', () => {
    const { timeline } = edit({ op: 'trim', moment: { file: 'walk.mp4' }, to: 1.5 });
    const shots = trackOf(timeline, 'video')!.segments;
    const i = shots.findIndex((s) => s.label === 'walk.mp4');
    const into = (shots[i - 1]?.end ?? 0) - shots[i]!.start;
    expect(into).toBeLessThanOrEqual(0.5 + 1e-9);
  });

  it('cuts between moments when asked, with no overlap', () => {
    const { timeline } = edit({ op: 'transition', style: 'cut' });
    const shots = trackOf(timeline, 'video')!.segments;
    shots.slice(1).forEach((s, i) => expect(s.start).toBeCloseTo(shots[i]!.end, 3));
  });

  it('sets a clip sound level and turns and frames a photo', () => {
    const { timeline } = edit(
      { op: 'clip_sound', moment: { file: 'walk' }, to: 0.5 },
      { op: 'rotate', moment: { file: 'beach' }, turn: 90 },
      { op: 'focus', moment: { file: 'garden' }, x: 0.2, y: 0.3 },
    );
    expect(shot(timeline, 'walk.mp4')?.volume).toBe(0.5);
    expect(shot(timeline, 'beach.jpg')?.rotation).toBe(90);
    expect(shot(timeline, 'garden.jpg')?.focus).toEqual({ x: 0.2, y: 0.3 });
  });

  it('moves the voice recording to the end, where it is heard before the closing card', () => {
    const { timeline } = edit({ op: 'voice_place', at: 'end' });
    const voice = trackOf(timeline, 'voice')!.segments[0]!;
    const closing = trackOf(timeline, 'closing')!.segments[0]!;
    expect(voice.end).toBeLessThanOrEqual(closing.start);
    expect(voice.start).toBeGreaterThan(timeline.duration / 2);
    expect(voicesOf(timeline)[0]?.during).toBe('at the end');
    const lines = words(timeline);
    for (const line of lines) expect(line.end).toBeLessThanOrEqual(voice.start + 1e-9);
  });

  it('starts the voice recording with the moment it is placed at', () => {
    const { timeline } = edit({ op: 'voice_place', at: { moment: { file: 'party.jpg' } } });
    const party = shot(timeline, 'party.jpg')!;
    const voice = trackOf(timeline, 'voice')!.segments[0]!;
    expect(voice.start).toBeGreaterThanOrEqual(party.start);
    expect(voice.start).toBeLessThan(party.end);
  });

  it('makes the music softer by ten points without knowing its level', () => {
    const { timeline } = edit({ op: 'music_level', change: 'softer' });
    expect(trackOf(timeline, 'music')?.segments[0]?.volume).toBeCloseTo(0.25, 5);
  });

  it('changes, adds and removes message lines and pins one to a moment', () => {
    const { timeline } = edit(
      { op: 'replace_line', line: 'miss you', text: 'We think of you every day.' },
      { op: 'add_line', text: 'All our love.' },
      { op: 'remove_line', line: 1 },
      { op: 'pin_line', line: 'every day', moment: { file: 'party.jpg' } },
    );
    const texts = words(timeline).map((w) => w.text);
    expect(texts).toEqual(expect.arrayContaining(['We think of you every day.', 'See you soon.', 'All our love.']));
    expect(texts).not.toContain('Happy birthday!');
    const pinned = words(timeline).find((w) => w.text === 'We think of you every day.')!;
    expect(pinned.moment).toBe('p3');
  });

  it('dresses the letter for a birthday in one word, each part still changeable', () => {
    const { settings, timeline } = edit({ op: 'theme', theme: 'birthday' }, { op: 'music_mood', change: 'calmer' });
    expect(settings.theme).toBe('birthday');
    expect(timeline.looks?.title?.colour).toBe('#f2c14e');
    expect(timeline.style).toBe('warm');
    expect(trackOf(timeline, 'music')?.segments[0]?.label).toBe('Uplifting');
  });

  it('fades to black at the end over the seconds asked', () => {
    const { timeline } = edit({ op: 'fade', at: 'end', seconds: 2 });
    expect(timeline.fades).toEqual({ start: 0.6, end: 2 });
  });

  it('makes the captions bigger, gold and outlined', () => {
    const { timeline } = edit({
      op: 'text_look',
      target: 'captions',
      size: { change: 'bigger', by: 0.5 },
      colour: 'gold',
      backing: 'outline',
    });
    expect(timeline.looks?.captions).toMatchObject({ size: 1.5, colour: '#f2c14e', backing: 'outline' });
  });

  it('sets title and closing, aspect, pace and length', () => {
    const { timeline, settings } = edit(
      { op: 'title', text: 'Happy 80th Birthday Grandma' },
      { op: 'closing', text: 'Anna, Tom and the kids' },
      { op: 'aspect', aspect: '9:16' },
      { op: 'pace', change: 'slower' },
      { op: 'length', to: 40 },
    );
    expect(trackOf(timeline, 'title')?.segments[0]?.text).toBe('Happy 80th Birthday Grandma');
    expect(trackOf(timeline, 'closing')?.segments[0]?.text).toBe('Anna, Tom and the kids');
    expect(timeline.aspect).toBe('9:16');
    expect(settings.pace).toBeCloseTo(1.2, 5);
    expect(timeline.duration).toBe(40);
  });
});

describe('a list of operations', () => {
  it('changes nothing when one of them cannot be done, and names that one', () => {
    expect(() =>
      applyOperations(base, media, [
        EditOperation.parse({ op: 'title', text: 'Hi' }),
        EditOperation.parse({ op: 'caption', moment: { file: 'volcano.jpg' }, text: 'Wow' }),
      ]),
    ).toThrow(
      /^Edit 2 of 2 \(caption\) could not be done: No photo or clip at "volcano.jpg".*beach\.jpg.*Nothing was changed/,
    );
  });

  it('says what each operation did, in order', () => {
    const { done } = edit({ op: 'music', on: false }, { op: 'style', style: 'black-and-white' });
    expect(done.map((d) => d.sentence)).toEqual(['Background music turned off.', 'Look set to black and white.']);
  });

  it('refuses to trim a photo, saying what would work', () => {
    expect(() => edit({ op: 'trim', moment: { file: 'beach.jpg' }, to: 2 })).toThrow(/only clips can be trimmed/);
  });
});

describe('a letter saved before moments existed', () => {
  it('loads with no captions, the usual fades and looks, and the voice from the start', () => {
    const old = LetterSettings.parse({
      title: 'Hi',
      voice: { enabled: true, mediaId: 'v1' },
      music: { enabled: true, volume: 0.35, mood: 'warm' },
    });
    expect(old).toMatchObject({ moments: {}, pins: [], fades: { start: 0.6, end: 0.8 }, theme: null });
    expect(old.voice).toEqual({ enabled: true, mediaId: 'v1', volume: 1, placements: [] });
    expect(voicesOf(planLetter(old, media))[0]).toMatchObject({ file: 'memo.m4a', during: 'from the start' });
  });
});
