import { describe, expect, it } from 'vitest';
import type { EditOperationInput } from '../../../../../src/core/timeline/operations.js';
import { operationsOf, wishesOf } from './letter.js';

/** The shared letter: beach.jpg (p1), garden.jpg (p2), cake.jpg (p3) and the clip party.mp4. */
const ROWS: [string, EditOperationInput[]][] = [
  ['focus on the left of the beach photo', [{ op: 'focus', moment: { id: 'p1' }, on: 'left' }]],
  ['frame the second photo on the right', [{ op: 'focus', moment: { id: 'p2' }, on: 'right' }]],
  ['keep grandma in frame in the cake photo', [{ op: 'focus', moment: { id: 'p3' }, on: 'faces' }]],
  ['keep everyone in the picture on photo 2', [{ op: 'focus', moment: { id: 'p2' }, on: 'faces' }]],
  ['show the whole picture of the garden photo', [{ op: 'focus', moment: { id: 'p2' }, on: 'whole' }]],
  ["don't crop the beach photo", [{ op: 'focus', moment: { id: 'p1' }, on: 'whole' }]],
  ['frame the beach photo on the top left', [{ op: 'focus', moment: { id: 'p1' }, x: 0, y: 0 }]],
  ['centre the beach photo', [{ op: 'focus', moment: { id: 'p1' }, on: 'center' }]],
  [
    'show every photo whole',
    ['p1', 'p2', 'p3'].map((id): EditOperationInput => ({ op: 'focus', moment: { id }, on: 'whole' })),
  ],
  ['把第二张照片的焦点放在左边', [{ op: 'focus', moment: { id: 'p2' }, on: 'left' }]],
  ['第三张显示全图', [{ op: 'focus', moment: { id: 'p3' }, on: 'whole' }]],
  ['让奶奶留在第一张照片的画面里', [{ op: 'focus', moment: { id: 'p1' }, on: 'faces' }]],
  ['聚焦在第一张照片的人脸上', [{ op: 'focus', moment: { id: 'p1' }, on: 'faces' }]],
];

describe('moving the focus, in plain words', () => {
  it.each(ROWS)('"%s"', (sentence, operations) => {
    expect(operationsOf(sentence)).toEqual(operations);
  });

  it('"keep grandma in frame" with no photo named changes nothing and offers each photo', () => {
    const [wish] = wishesOf('keep grandma in frame');
    expect(wish!.kind).toBe('ambiguous');
    if (wish!.kind !== 'ambiguous') return;
    expect(wish!.readings.map((r) => r.say)).toEqual([
      'beach.jpg framed to keep every face whole',
      'garden.jpg framed to keep every face whole',
      'cake.jpg framed to keep every face whole',
    ]);
  });

  it('"focus the beach photo" with no place changes nothing and says what it could mean', () => {
    const [wish] = wishesOf('focus the beach photo');
    expect(wish!.kind).toBe('unclear');
    if (wish!.kind !== 'unclear') return;
    expect(wish!.why).toMatch(/the faces, the left, right, top, bottom or center, or the whole picture/);
    expect(wish!.closest.map((r) => r.edits)).toEqual([
      [{ op: 'focus', moment: { id: 'p1' }, on: 'faces' }],
      [{ op: 'focus', moment: { id: 'p1' }, on: 'whole' }],
    ]);
  });

  it.each([
    ['rotate the second photo to the left', { op: 'rotate', moment: { id: 'p2' }, turn: -90 }],
    ['put the text at the top', { op: 'text_position', position: 'top' }],
    ['play the whole clip', { op: 'clip_limit', seconds: 120 }],
  ])('"%s" is still what it was, not framing', (sentence, operation) => {
    expect(operationsOf(sentence)).toEqual([operation]);
  });
});
