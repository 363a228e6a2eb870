import { describe, expect, it } from 'vitest';
import { parseInstruction, type LetterView } from '../../../../../src/core/intent/edits/parse.js';

/** A letter of two photos playing and one set aside (beach-2.jpg). */
const view: LetterView = {
  moments: [
    { id: 'p1', fileName: 'beach.jpg', kind: 'photo' },
    { id: 'p2', fileName: 'cake.jpg', kind: 'photo' },
  ],
  leftOut: [{ id: 'p3', fileName: 'beach-2.jpg', kind: 'photo' }],
  title: 'Dear Grandma',
  closing: '',
  lines: ['We miss you.'],
  music: { on: true, mood: 'warm', volume: 0.35 },
  voices: [],
  voiceOn: false,
  songs: [],
  narration: false,
};
const edits = (instruction: string) =>
  parseInstruction(instruction, view).map((w) => (w.kind === 'edit' ? w.edits : w.kind));

describe('curation in plain language', () => {
  it.each(['bring back beach-2.jpg', 'use beach-2 too', 'put beach-2.jpg back', '把beach-2.jpg加回来'])(
    '"%s" brings back the photo set aside',
    (instruction) => {
      expect(edits(instruction)).toEqual([[{ op: 'bring_back', moment: { id: 'p3' } }]]);
    },
  );

  it.each(['use all the photos', 'use every photo', '所有照片都用上', '用所有的照片'])(
    '"%s" plays every photo',
    (instruction) => {
      expect(edits(instruction)).toEqual([[{ op: 'curate', on: false }]]);
    },
  );

  it('"remove the duplicates" sets duplicates and blurred shots aside again', () => {
    expect(edits('remove the duplicates')).toEqual([[{ op: 'curate', on: true }]]);
  });

  it.each([
    ['make it about a minute', 60, 'about'],
    ['around 90 seconds please', 90, 'about'],
    ['一分钟左右', 60, 'about'],
    ['keep it under 2 minutes', 120, 'under'],
    ['两分钟以内', 120, 'under'],
    ['不超过两分钟', 120, 'under'],
  ])('"%s" fits the letter to %i s (%s) with the best photos', (instruction, seconds, within) => {
    expect(edits(instruction)).toEqual([[{ op: 'fit_length', seconds, within }]]);
  });

  it('"make it 45 seconds" (no "about" or "under") stays a length', () => {
    expect(edits('make it 45 seconds')).toEqual([[{ op: 'length', to: 45 }]]);
  });
});
