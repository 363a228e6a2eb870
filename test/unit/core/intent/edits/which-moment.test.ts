import { describe, expect, it } from 'vitest';
import { letterView } from '../../../../../src/backends/local/plan/letter-view.js';
import { parseInstruction } from '../../../../../src/core/intent/edits/parse.js';
import { storedPhoto } from '../../../../helpers/stored-media.js';
import { letter, media, wishesOf } from './letter.js';

/** The shared letter with two beach photos: "the beach photo" fits beach-1.jpg (p1) and beach-2.jpg (p2). */
const twoBeaches = [
  storedPhoto('p1', { fileName: 'beach-1.jpg' }),
  storedPhoto('p2', { fileName: 'beach-2.jpg' }),
  ...media.slice(2),
];
const wishOf = (sentence: string) => parseInstruction(sentence, letterView(letter, twoBeaches))[0]!;

describe('a wish that names a photo two photos fit changes nothing and offers each, in every kind of edit', () => {
  it.each([
    ['remove the beach photo', '"beach-1.jpg"', { op: 'remove', moment: { id: 'p1' } }],
    ['hold the beach photo for 6 seconds', '"beach-1.jpg"', { op: 'hold', moment: { id: 'p1' }, to: 6 }],
    [
      'focus on the left of the beach photo',
      'beach-1.jpg framed on the left',
      { op: 'focus', moment: { id: 'p1' }, on: 'left' },
    ],
    [
      "put 'our first home' on the beach photo",
      'on "beach-1.jpg"',
      { op: 'caption', moment: { id: 'p1' }, text: 'our first home' },
    ],
    [
      'start the voice at the beach photo',
      'the voice recording from beach-1.jpg',
      { op: 'voice_place', at: { moment: { id: 'p1' } } },
    ],
  ])('"%s"', (sentence, say, first) => {
    const wish = wishOf(sentence);
    expect(wish.kind).toBe('ambiguous');
    if (wish.kind !== 'ambiguous') return;
    expect(wish.readings).toHaveLength(2);
    expect(wish.readings[0]).toEqual({ say, edits: [first] });
    expect(JSON.stringify(wish.readings[1]!.edits)).toContain('"p2"');
  });
});

describe('a wish that names a photo the letter does not have changes nothing and says so', () => {
  it.each([
    'remove photo 7',
    'focus on the left of photo 7',
    "put 'our first home' on photo 7",
    'start the voice at photo 7',
  ])('"%s"', (sentence) => {
    const [wish] = wishesOf(sentence);
    expect(wish).toMatchObject({ kind: 'unclear', why: 'The letter has 3 photos, so there is no photo 7.' });
  });
});
