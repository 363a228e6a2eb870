import { describe, expect, it } from 'vitest';
import { applyOperations } from '../../../../../src/backends/local/plan/operations/apply.js';
import { planLetter } from '../../../../../src/backends/local/plan/plan.js';
import { leftOutPhotos } from '../../../../../src/backends/local/plan/selection.js';
import { LetterSettings, type StoredMedia } from '../../../../../src/backends/local/project.js';
import { trackOf, type Timeline } from '../../../../../src/core/timeline/model.js';
import { EditOperation, type EditOperationInput } from '../../../../../src/core/timeline/operations.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';

/** A photo as intake reads it: its hash and sharpness (hashes far apart unless copied). */
const photo = (name: string, hash: string, sharpness = 500): StoredMedia =>
  storedPhoto(name, {
    fileName: `${name}.jpg`,
    picture: { hash, sharpness, saliency: { x: 0.5, y: 0.5 }, faces: [] },
  });
const media = [
  photo('beach', '0f0f0f0f0f0f0f0f'),
  photo('beach-copy', '0f0f0f0f0f0f0f0f'),
  photo('garden', 'ff00ff00ff00ff00'),
  photo('garden-shaken', 'a5a5a5a5a5a5a5a5', 20),
  photo('party', '3c3c3c3c3c3c3c3c'),
];
const base = LetterSettings.parse({ title: 'Dear Grandma', message: 'We miss you.', closing: 'Love, Anna' });
const playing = (t: Timeline) => trackOf(t, 'video')!.segments.map((s) => s.label);
const apply = (settings: LetterSettings, ...ops: EditOperationInput[]) =>
  applyOperations(
    settings,
    media,
    ops.map((o) => EditOperation.parse(o)),
  );

describe('which photos of a folder play', () => {
  it('leaves out a duplicate and a blurred shot, each with its reason', () => {
    expect(playing(planLetter(base, media))).toEqual(['beach.jpg', 'garden.jpg', 'party.jpg']);
    expect(leftOutPhotos(base, media).map((p) => [p.fileName, p.reason])).toEqual([
      ['beach-copy.jpg', 'duplicate'],
      ['garden-shaken.jpg', 'blurred'],
    ]);
  });

  it('brings one back in its place with bring_back, by file name', () => {
    const { settings, done } = apply(base, { op: 'bring_back', moment: { file: 'garden-shaken' } });
    expect(playing(planLetter(settings, media))).toEqual(['beach.jpg', 'garden.jpg', 'garden-shaken.jpg', 'party.jpg']);
    expect(done[0]!.sentence).toBe('garden-shaken.jpg is back in the letter, at position 3.');
  });

  it('refuses to bring back a photo that plays, and changes nothing', () => {
    expect(() => apply(base, { op: 'bring_back', moment: { file: 'party' } })).toThrow(
      /party\.jpg is already in the letter\. Nothing was changed\./,
    );
  });

  it('plays every photo, a removed one too, with curate off; curate on sets them aside again', () => {
    const removed = apply(base, { op: 'remove', moment: { file: 'party' } }).settings;
    const all = apply(removed, { op: 'curate', on: false }).settings;
    expect(playing(planLetter(all, media))).toHaveLength(5);
    const again = apply(all, { op: 'curate', on: true }).settings;
    expect(playing(planLetter(again, media))).toEqual(['beach.jpg', 'garden.jpg', 'party.jpg']);
  });
});

describe('fitting a letter to a length with the best photos', () => {
  // Twenty different photos, the even ones with a face (the better).
  const folder = Array.from({ length: 20 }, (_, i) =>
    storedPhoto(`p${i + 1}`, {
      picture: {
        hash: (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').slice(-16),
        sharpness: 400 + i,
        saliency: { x: 0.5, y: 0.5 },
        faces: i % 2 ? [{ x: 0.4, y: 0.3, width: 0.2, height: 0.2 }] : [],
      },
    }),
  );
  const fit = (settings: LetterSettings, seconds: number, within: 'about' | 'under') =>
    applyOperations(settings, folder, [EditOperation.parse({ op: 'fit_length', seconds, within })]);

  it('"about 40 s" keeps the best photos in their order and the letter lasts 40 s', () => {
    const { settings, done } = fit(base, 40, 'about');
    const t = planLetter(settings, folder);
    const kept = playing(t);
    expect(t.duration).toBeCloseTo(40, 0);
    expect(kept.length).toBeLessThan(20);
    expect(kept).toEqual(folder.map((p) => p.fileName).filter((n) => kept.includes(n)));
    expect(done[0]!.sentence).toMatch(/^Letter fitted to about 40 s \(40 s\): the best \d+ of 20 photos play/);
  });

  it('"under 30 s" gives a letter no longer than 30 s', () => {
    expect(planLetter(fit(base, 30, 'under').settings, folder).duration).toBeLessThanOrEqual(30);
  });

  it('refuses when the message alone is longer than asked, saying how long it needs', () => {
    const long = { ...base, message: 'One line to read. '.repeat(12).trim().replace(/\. /g, '.\n') };
    expect(() => fit(long, 15, 'about')).toThrow(/The message alone needs about \d+ s to be read in full/);
  });
});
