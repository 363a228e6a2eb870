import { describe, expect, it } from 'vitest';
import type { EditOperationInput } from '../../../../../src/core/timeline/operations.js';
import type { Timeline } from '../../../../../src/core/timeline/model.js';
import { edited, letter, operationsOf, segments, shotOf, shots } from './letter.js';

type Check = (after: Timeline, before: Timeline) => void;
type Row = [sentence: string, operations: EditOperationInput[], check: Check];

const title = (t: Timeline) => segments(t, 'title')[0]?.text;
const closing = (t: Timeline) => segments(t, 'closing')[0]?.text;
const lines = (t: Timeline) => segments(t, 'message').map((s) => s.text);
const music = (t: Timeline) => segments(t, 'music')[0];
const voice = (t: Timeline) => segments(t, 'voice')[0]!;
const length = (t: Timeline, id: string) => shotOf(t, id).end - shotOf(t, id).start;
/** A caption is on its photo: its words on screen during that photo's shot. */
const captionOn = (t: Timeline, id: string, text: string) => {
  const caption = segments(t, 'message').find((s) => s.text === text)!;
  const shot = shotOf(t, id);
  expect(caption.moment).toBe(id);
  expect(caption.start).toBeGreaterThanOrEqual(shot.start);
  expect(caption.end).toBeLessThanOrEqual(shot.end);
};

const ROWS: Row[] = [
  // Title and closing cards
  [
    'change the title to Happy 80th Birthday Grandma',
    [{ op: 'title', text: 'Happy 80th Birthday Grandma' }],
    (t) => expect(title(t)).toBe('Happy 80th Birthday Grandma'),
  ],
  ['标题改成 生日快乐', [{ op: 'title', text: '生日快乐' }], (t) => expect(title(t)).toBe('生日快乐')],
  ['title: "For Nana"', [{ op: 'title', text: 'For Nana' }], (t) => expect(title(t)).toBe('For Nana')],
  ['remove the title', [{ op: 'title', text: '' }], (t) => expect(title(t)).toBeUndefined()],
  ['去掉标题', [{ op: 'title', text: '' }], (t) => expect(title(t)).toBeUndefined()],
  [
    'sign it from Anna, Tom and the kids',
    [{ op: 'closing', text: 'With all my love,\nAnna, Tom and the kids' }],
    (t) => expect(closing(t)).toBe('With all my love,\nAnna, Tom and the kids'),
  ],
  [
    'change the closing to Love always, Lena',
    [{ op: 'closing', text: 'Love always, Lena' }],
    (t) => expect(closing(t)).toBe('Love always, Lena'),
  ],
  ['结尾改成 爱你的莉娜', [{ op: 'closing', text: '爱你的莉娜' }], (t) => expect(closing(t)).toBe('爱你的莉娜')],
  // Message lines
  [
    "change 'see you soon' to 'see you at Christmas'",
    [{ op: 'replace_line', line: 3, text: 'see you at Christmas, Grandma!' }],
    (t) => expect(lines(t)).toContain('see you at Christmas, Grandma!'),
  ],
  [
    'add a line at the end: We miss you',
    [{ op: 'add_line', text: 'We miss you', at: 'end' }],
    (t) => expect(lines(t).at(-1)).toBe('We miss you'),
  ],
  [
    '在结尾加一句：我们想你',
    [{ op: 'add_line', text: '我们想你', at: 'end' }],
    (t) => expect(lines(t).at(-1)).toBe('我们想你'),
  ],
  [
    "remove the line 'We miss you so much'",
    [{ op: 'remove_line', line: 'We miss you so much' }],
    (t) => expect(lines(t)).not.toContain('We miss you so much.'),
  ],
  // Captions on moments
  [
    "put 'our first home' on the beach photo",
    [{ op: 'caption', moment: { id: 'p1' }, text: 'our first home' }],
    (t) => captionOn(t, 'p1', 'our first home'),
  ],
  [
    'on the beach photo write our first home',
    [{ op: 'caption', moment: { id: 'p1' }, text: 'our first home' }],
    (t) => captionOn(t, 'p1', 'our first home'),
  ],
  [
    'put our first home on the second photo',
    [{ op: 'caption', moment: { id: 'p2' }, text: 'our first home' }],
    (t) => captionOn(t, 'p2', 'our first home'),
  ],
  [
    '在第一张照片上写 我们的第一个家',
    [{ op: 'caption', moment: { id: 'p1' }, text: '我们的第一个家' }],
    (t) => captionOn(t, 'p1', '我们的第一个家'),
  ],
  // Order
  [
    'swap the first two photos',
    [{ op: 'swap', a: { id: 'p1' }, b: { id: 'p2' } }],
    (t) => expect(shots(t)).toEqual(['garden.jpg', 'beach.jpg', 'cake.jpg', 'party.mp4']),
  ],
  [
    '交换前两张照片',
    [{ op: 'swap', a: { id: 'p1' }, b: { id: 'p2' } }],
    (t) => expect(shots(t)).toEqual(['garden.jpg', 'beach.jpg', 'cake.jpg', 'party.mp4']),
  ],
  [
    'put the cake photo first',
    [{ op: 'move', moment: { id: 'p3' }, to: 'first' }],
    (t) => expect(shots(t)[0]).toBe('cake.jpg'),
  ],
  [
    'move the clip to the start',
    [{ op: 'move', moment: { id: 'c1' }, to: 'first' }],
    (t) => expect(shots(t)[0]).toBe('party.mp4'),
  ],
  [
    '把第三张放到最前面',
    [{ op: 'move', moment: { id: 'p3' }, to: 'first' }],
    (t) => expect(shots(t)[0]).toBe('cake.jpg'),
  ],
  [
    'remove the garden photo',
    [{ op: 'remove', moment: { id: 'p2' } }],
    (t) => expect(shots(t)).not.toContain('garden.jpg'),
  ],
  ['删除第二张', [{ op: 'remove', moment: { id: 'p2' } }], (t) => expect(shots(t)).not.toContain('garden.jpg')],
  // How long moments stay
  [
    'make each photo stay on screen a bit longer',
    [{ op: 'hold', moment: 'all', change: 'longer', by: 1.5 }],
    (t, b) => expect(length(t, 'p1')).toBeGreaterThan(length(b, 'p1')),
  ],
  [
    '每张照片多停留一会儿',
    [{ op: 'hold', moment: 'all', change: 'longer', by: 1.5 }],
    (t, b) => expect(length(t, 'p2')).toBeGreaterThan(length(b, 'p2')),
  ],
  [
    'hold the beach photo for 6 seconds',
    [{ op: 'hold', moment: { id: 'p1' }, to: 6 }],
    (t) => expect(length(t, 'p1')).toBeCloseTo(6, 0),
  ],
  [
    'only the first two seconds of the clip',
    [{ op: 'trim', moment: { id: 'c1' }, to: 2 }],
    (t) => expect(length(t, 'c1')).toBeLessThan(3),
  ],
  ['视频只要前两秒', [{ op: 'trim', moment: { id: 'c1' }, to: 2 }], (t) => expect(length(t, 'c1')).toBeLessThan(3)],
  // Music
  ['calmer music', [{ op: 'music_mood', change: 'calmer' }], (t) => expect(music(t)?.label).toBe('Gentle')],
  ['use a calmer song', [{ op: 'music_mood', change: 'calmer' }], (t) => expect(music(t)?.label).toBe('Gentle')],
  ['换成欢快的音乐', [{ op: 'music_mood', to: 'celebration' }], (t) => expect(music(t)?.label).toBe('Celebration')],
  [
    'music a bit softer',
    [{ op: 'music_level', change: 'softer', by: 0.1 }],
    (t) => expect(music(t)?.volume).toBeCloseTo(0.25),
  ],
  ['音乐小一点', [{ op: 'music_level', change: 'softer', by: 0.1 }], (t) => expect(music(t)?.volume).toBeCloseTo(0.25)],
  [
    'make the voice louder than the music',
    [{ op: 'music_level', change: 'softer', by: 0.1 }],
    (t) => expect(music(t)?.volume).toBeCloseTo(0.25),
  ],
  ['no music', [{ op: 'music', on: false }], (t) => expect(music(t)).toBeUndefined()],
  ['去掉背景音乐', [{ op: 'music', on: false }], (t) => expect(music(t)).toBeUndefined()],
  // Voice
  [
    'move the voice message to the end',
    [{ op: 'voice_place', at: 'end' }],
    (t) => expect(voice(t).end).toBeGreaterThan(t.duration - 6),
  ],
  ['把录音放到最后', [{ op: 'voice_place', at: 'end' }], (t) => expect(voice(t).end).toBeGreaterThan(t.duration - 6)],
  ['drop the voice recording', [{ op: 'voice', on: false }], (t) => expect(segments(t, 'voice')).toEqual([])],
  // Look of the words
  [
    'make the title bigger',
    [{ op: 'text_look', target: 'title', size: { change: 'bigger', by: 0.25 } }],
    (t) => expect(t.looks?.title?.size).toBeGreaterThan(1),
  ],
  [
    'bigger captions',
    [{ op: 'text_look', target: 'captions', size: { change: 'bigger', by: 0.25 } }],
    (t) => expect(t.looks?.captions?.size).toBeGreaterThan(1),
  ],
  [
    '字幕大一点',
    [{ op: 'text_look', target: 'captions', size: { change: 'bigger', by: 0.25 } }],
    (t) => expect(t.looks?.captions?.size).toBeGreaterThan(1),
  ],
  ['put the text at the top', [{ op: 'text_position', position: 'top' }], (t) => expect(t.textPosition).toBe('top')],
  // The whole letter
  ['fade to black at the end', [{ op: 'fade', at: 'end', on: true }], (t) => expect(t.fades?.end).toBeGreaterThan(0.8)],
  ['淡出到黑屏', [{ op: 'fade', at: 'end', on: true }], (t) => expect(t.fades?.end).toBeGreaterThan(0.8)],
  [
    'use cuts instead of crossfades',
    [{ op: 'transition', style: 'cut' }],
    (t) => expect(shotOf(t, 'p2').start).toBe(shotOf(t, 'p1').end),
  ],
  ['make it vertical', [{ op: 'aspect', aspect: '9:16' }], (t) => expect(t.aspect).toBe('9:16')],
  ['改成竖屏', [{ op: 'aspect', aspect: '9:16' }], (t) => expect(t.aspect).toBe('9:16')],
  [
    'make it a birthday letter',
    [{ op: 'theme', theme: 'birthday' }],
    (t) => expect(music(t)?.label).toBe('Celebration'),
  ],
  ['做成生日主题', [{ op: 'theme', theme: 'birthday' }], (t) => expect(music(t)?.label).toBe('Celebration')],
  [
    'black and white please',
    [{ op: 'style', style: 'black-and-white' }],
    (t) => expect(t.style).toBe('black-and-white'),
  ],
  [
    'a bit slower',
    [{ op: 'pace', change: 'slower', by: 0.2 }],
    (t, b) => expect(t.duration).toBeGreaterThan(b.duration),
  ],
  ['make it 40 seconds long', [{ op: 'length', to: 40 }], (t) => expect(t.duration).toBe(40)],
];

describe('everyday sentences, English and Chinese, make these operations and this timeline', () => {
  it.each(ROWS)('"%s"', (sentence, operations, check) => {
    expect(operationsOf(sentence)).toEqual(operations);
    const { timeline, before, changes } = edited(sentence);
    expect(changes.length).toBeGreaterThan(0);
    check(timeline, before);
  });
});

describe('several wishes in one sentence', () => {
  it('"swap the first two photos and put \'our first home\' on the beach one" does both, the caption on the beach photo where it now is', () => {
    const { timeline, reply } = edited("swap the first two photos and put 'our first home' on the beach one");
    expect(shots(timeline).slice(0, 2)).toEqual(['garden.jpg', 'beach.jpg']);
    captionOn(timeline, 'p1', 'our first home');
    expect(reply.split('\n')).toHaveLength(2);
  });

  it('"make it vertical and the music quieter" does both', () => {
    expect(operationsOf('make it vertical and the music quieter')).toEqual([
      { op: 'aspect', aspect: '9:16' },
      { op: 'music_level', change: 'softer', by: 0.1 },
    ]);
  });

  it('says per wish what was done and what was not', () => {
    const { reply, settings } = edited('make it vertical, and make it pop');
    expect(settings.aspect).toBe('9:16');
    expect(reply).toMatch(/- "make it vertical": .*9:16/);
    expect(reply).toMatch(/- "make it pop": "make it pop" was not understood, so nothing was changed for it/);
  });

  it('"turn my written message and photos into a heartfelt video letter with background music" builds, never "did not recognise"', () => {
    const off = { ...letter, music: { ...letter.music, enabled: false } };
    const { timeline, reply } = edited(
      'turn my written message and photos into a heartfelt video letter with background music',
      off,
    );
    expect(music(timeline)).toBeDefined();
    expect(reply).not.toMatch(/not understood|did not recognise/);
  });
});
