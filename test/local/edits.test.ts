import { describe, expect, it } from 'vitest';
import { applyInstruction } from '../../src/backends/local/plan/edits.js';
import { applyRequest } from '../../src/backends/local/letter-request.js';
import { LetterSettings } from '../../src/backends/local/project.js';

const base = LetterSettings.parse({});
const edit = (text: string, s = base) => applyInstruction(text, s, []);

describe('edits by instruction', () => {
  it.each([
    ['make it vertical', '9:16'], ['portrait please', '9:16'], ['9:16', '9:16'], ['改成竖屏', '9:16'],
    ['square for Instagram', '1:1'], ['方形', '1:1'], ['back to landscape', '16:9'], ['横屏', '16:9'],
  ])('"%s" sets the aspect to %s', (text, aspect) => {
    expect(edit(text, { ...base, aspect: '1:1' === aspect ? '16:9' : '1:1' }).settings.aspect).toBe(aspect);
  });

  it('turns the music off', () => {
    expect(edit('no music please').settings.music.enabled).toBe(false);
    expect(edit('去掉背景音乐').settings.music.enabled).toBe(false);
  });

  it('makes the music quieter and louder by 10 points', () => {
    expect(edit('music quieter').settings.music.volume).toBeCloseTo(0.25);
    expect(edit('make the music louder').settings.music.volume).toBeCloseTo(0.45);
  });

  it('sets the music to a percentage', () => {
    const r = edit('set the music to 20%');
    expect(r.settings.music.volume).toBeCloseTo(0.2);
    expect(r.changes).toEqual(['Music volume set to 20%.']);
  });

  it('sets the title and closing from quoted text', () => {
    const r = edit('title "Dear Grandma" and sign it "With love, Anna"');
    expect(r.settings.title).toBe('Dear Grandma');
    expect(r.settings.closing).toBe('With love, Anna');
  });

  it('changes nothing for an instruction it does not understand', () => {
    expect(edit('make it pop')).toEqual({ settings: base, changes: [] });
  });
});

describe('structured fields', () => {
  it('win over the instruction and report each change', () => {
    const r = applyRequest({ instruction: 'make it vertical', aspect: '1:1', title: 'Hi' }, base, []);
    expect(r.settings.aspect).toBe('1:1');
    expect(r.changes).toEqual(['Aspect set to 9:16 (vertical).', 'Title set to "Hi".', 'Aspect set to 1:1.']);
  });

  it('mark an instruction nothing understood', () => {
    expect(applyRequest({ instruction: 'make it pop' }, base, []).misunderstood).toBe(true);
  });
});
