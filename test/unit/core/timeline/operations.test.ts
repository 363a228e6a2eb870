import { describe, expect, it } from 'vitest';
import { EditOperation, OPERATION_NAMES } from '../../../../src/core/timeline/operations.js';

describe('the edit operations', () => {
  it('take a relative change without knowing the current value', () => {
    expect(EditOperation.parse({ op: 'music_level', change: 'softer' })).toEqual({
      op: 'music_level',
      change: 'softer',
    });
  });

  it('refuse an adjustable operation that says neither a value nor a direction', () => {
    const result = EditOperation.safeParse({ op: 'hold', moment: { position: 'last' } });
    expect(result.error?.issues[0]?.message).toMatch(/either "to".*or "change"/);
  });

  it('address a moment by id, file name or position', () => {
    for (const moment of [{ id: 'm1' }, { file: 'beach.jpg' }, { position: 2 }, { position: 'last' }]) {
      expect(EditOperation.safeParse({ op: 'caption', moment, text: 'Summer' }).success).toBe(true);
    }
    expect(EditOperation.safeParse({ op: 'caption', moment: { position: 0 }, text: 'x' }).success).toBe(false);
  });

  it('add a message line at the end unless told where', () => {
    expect(EditOperation.parse({ op: 'add_line', text: 'See you soon' })).toMatchObject({ at: 'end' });
  });

  it('name an unknown operation among the known ones', () => {
    const result = EditOperation.safeParse({ op: 'sparkle' });
    expect(result.error?.issues[0]?.message).toContain("'title'");
    expect(OPERATION_NAMES).toContain('voice_place');
  });
});
