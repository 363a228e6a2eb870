import { describe, expect, it } from 'vitest';
import {
  EditOperation,
  OPERATION_NAMES,
  type EditOperationInput,
  type OperationName,
} from '../../../../src/core/timeline/operations.js';
import type { Timeline } from '../../../../src/core/timeline/model.js';
import {
  editLines,
  expressEdits,
  refusedReason,
  type Scene,
} from '../../../../src/backends/cloud/translation/operations.js';
import { resolveMoment, momentsOf } from '../../../../src/backends/cloud/translation/moments.js';

/** NemoVideo's letter as the mapping sees it: three photos, a clip, music and a title. */
const before: Timeline = {
  aspect: '16:9',
  duration: 16,
  tracks: [
    {
      type: 'video',
      role: 'video',
      name: 'Video',
      segments: [
        { start: 0, end: 4, label: 'beach.jpg', kind: 'photo', mediaId: 'f1' },
        { start: 4, end: 8, label: 'cake.jpg', kind: 'photo', mediaId: 'f2' },
        { start: 8, end: 12, label: 'dog.jpg', kind: 'photo', mediaId: 'f3' },
        { start: 12, end: 16, label: 'waves.mp4', kind: 'clip', mediaId: 'f4' },
      ],
    },
    { type: 'audio', role: 'music', name: 'BGM', segments: [{ start: 0, end: 16, label: 'Warm', volume: 0.35 }] },
    { type: 'text', role: 'title', name: 'Title', segments: [{ start: 0, end: 3, label: 'Hi', text: 'Hi' }] },
  ],
};
const scene: Scene = {
  before,
  media: [
    { id: 'f1', name: 'beach.jpg', kind: 'photo' },
    { id: 'f5', name: 'hello.m4a', kind: 'audio' },
    { id: 'f6', name: 'song.mp3', kind: 'audio' },
  ],
};

/** One example of every operation, with its English words (or null when NemoVideo cannot do it). */
const EXAMPLES: Record<OperationName, [EditOperationInput, string | null]> = {
  title: [{ op: 'title', text: 'Happy 80th' }, 'Set the title card to "Happy 80th".'],
  closing: [{ op: 'closing', text: 'Love, Anna' }, 'Set the closing card at the end to "Love, Anna".'],
  message: [{ op: 'message', text: 'We miss you.' }, 'Replace the letter\'s message with: "We miss you."'],
  replace_line: [
    { op: 'replace_line', line: 2, text: 'See you soon' },
    'Change line 2 of the message to "See you soon".',
  ],
  add_line: [{ op: 'add_line', text: 'Hugs' }, 'Add the line "Hugs" at the end of the message.'],
  remove_line: [{ op: 'remove_line', line: 'last' }, 'Remove the last line of the message.'],
  pin_line: [
    { op: 'pin_line', line: 1, moment: { file: 'dog' } },
    'Show line 1 of the message while "dog.jpg" is on screen.',
  ],
  caption: [
    { op: 'caption', moment: { position: 1 }, text: 'Our lake' },
    'Show the caption "Our lake" on "beach.jpg" while it is on screen.',
  ],
  captions_source: [
    { op: 'captions_source', from: 'voice' },
    'Make the subtitles from the words spoken in my voice recording.',
  ],
  narration: [{ op: 'narration', on: true }, 'Read the message aloud as a text-to-speech voiceover.'],
  hold: [{ op: 'hold', moment: 'all', change: 'longer' }, 'Keep every photo and clip on screen 1.5 seconds longer.'],
  order: [
    { op: 'order', moments: [{ file: 'dog.jpg' }, { id: 'f1' }] },
    'Put the photos and clips in this order at the start: "dog.jpg", "beach.jpg".',
  ],
  move: [{ op: 'move', moment: { position: 'last' }, to: 'first' }, 'Move "waves.mp4" to the start.'],
  swap: [{ op: 'swap', a: { position: 1 }, b: { position: 2 } }, 'Swap the places of "beach.jpg" and "cake.jpg".'],
  remove: [{ op: 'remove', moment: { file: 'CAKE' } }, 'Remove "cake.jpg" from the video.'],
  restore: [{ op: 'restore', moment: { id: 'f1' } }, 'Add "beach.jpg" back into the video, at the end.'],
  focus: [{ op: 'focus', moment: { position: 1 }, on: 'left' }, 'Frame "beach.jpg" on the left of the picture.'],
  rotate: [{ op: 'rotate', moment: { position: 1 }, turn: 90 }, null],
  trim: [{ op: 'trim', moment: { file: 'waves' }, to: 2 }, 'Play only "waves.mp4" from 0 to 2 seconds.'],
  clip_limit: [{ op: 'clip_limit', seconds: 3 }, 'Play each video clip for at most 3 seconds.'],
  clip_sound: [{ op: 'clip_sound', moment: 'all', to: 0 }, "Mute the clips' own sound."],
  voice: [{ op: 'voice', on: false }, 'Leave my voice recording out.'],
  voice_place: [
    { op: 'voice_place', recording: { file: 'hello' }, at: 'end' },
    'Play the voice recording "hello.m4a" at the end, and end the letter after it.',
  ],
  voice_level: [{ op: 'voice_level', change: 'louder' }, 'Make my voice recording 25 points louder.'],
  music: [{ op: 'music', on: false }, 'No background music.'],
  music_mood: [{ op: 'music_mood', change: 'calmer' }, 'Use calmer background music.'],
  music_song: [{ op: 'music_song', song: { position: 2 } }, 'Use "song.mp3" as the background music.'],
  music_level: [{ op: 'music_level', change: 'softer' }, 'Set the background music volume to 25%.'],
  text_look: [
    { op: 'text_look', target: 'title', size: { change: 'bigger' }, colour: 'gold', backing: 'band' },
    'Make the title card text 25% bigger, in gold, on a dark band.',
  ],
  transition: [{ op: 'transition', style: 'cut' }, 'Use hard cuts between all photos and clips, no transition.'],
  fade: [{ op: 'fade', at: 'end' }, 'Fade to black at the end.'],
  theme: [{ op: 'theme', theme: 'birthday' }, 'Dress the letter for a birthday: cards, colours, music mood and pace.'],
  aspect: [{ op: 'aspect', aspect: '1:1' }, 'Aspect ratio 1:1 (square).'],
  pace: [{ op: 'pace', change: 'slower' }, 'Slow the pace a little: each line and photo stays longer on screen.'],
  length: [{ op: 'length', to: 30 }, 'Make the letter 30 seconds long.'],
  style: [{ op: 'style', style: 'black-and-white' }, 'Colour look: black and white.'],
  text_position: [{ op: 'text_position', position: 'top' }, 'Put the message text at the top of the frame.'],
  bring_back: [{ op: 'bring_back', moment: { id: 'f1' } }, 'Add "beach.jpg" back into the video.'],
  curate: [{ op: 'curate', on: false }, null],
  fit_length: [{ op: 'fit_length', seconds: 60 }, null],
  undo: [{ op: 'undo' }, null],
};

describe("the edit vocabulary in NemoVideo's words", () => {
  it.each(OPERATION_NAMES)('"%s" has words in English and Chinese, or a refusal in a sentence', (name) => {
    const example = EXAMPLES[name];
    expect(example, `no example (and so perhaps no mapping) for "${name}"`).toBeDefined();
    const [input, english] = example;
    const result = expressEdits([EditOperation.parse(input)], scene);
    if (english === null) {
      expect(refusedReason(name)).toMatch(/^NemoVideo/);
      expect(result).toEqual({ ok: false, refusals: [`"${name}" (edit 1): ${refusedReason(name)}.`] });
      return;
    }
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(editLines(result.edits, 'en')).toEqual([english]);
    const [chinese] = editLines(result.edits, 'zh');
    expect(chinese).toMatch(/\p{Script=Han}/u);
  });

  it("Chinese words keep the file names and the person's own words", () => {
    const result = expressEdits(
      [
        EditOperation.parse({ op: 'swap', a: { position: 1 }, b: { file: 'dog' } }),
        EditOperation.parse({ op: 'caption', moment: { id: 'f2' }, text: '生日快乐' }),
      ],
      scene,
    );
    expect(result.ok && editLines(result.edits, 'zh')).toEqual([
      '交换“beach.jpg”和“dog.jpg”的位置。',
      '在“cake.jpg”上显示字幕“生日快乐”。',
    ]);
  });

  it('an exact colour or a shipped font is refused, naming what NemoVideo lacks', () => {
    const result = expressEdits(
      [EditOperation.parse({ op: 'text_look', target: 'captions', colour: '#ff0000', font: 'bold' })],
      scene,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.refusals[0]).toMatch(/font "bold".*#ff0000/);
  });

  it('all or none: one refused operation refuses the list, and each problem is named', () => {
    const result = expressEdits(
      [
        EditOperation.parse({ op: 'title', text: 'Hi' }),
        EditOperation.parse({ op: 'rotate', moment: { position: 1 }, to: 90 }),
        EditOperation.parse({ op: 'remove', moment: { file: 'nothing.jpg' } }),
      ],
      scene,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.refusals.map((r) => r.slice(0, 20))).toEqual([
      '"rotate" (edit 2): N',
      '"remove" (edit 3): N',
    ]);
  });
});

describe('moments of a cloud letter', () => {
  const moments = momentsOf(before);
  it.each([
    [{ id: 'f3' }, 'dog.jpg'],
    [{ file: 'Dog' }, 'dog.jpg'],
    [{ file: 'dog.jpg' }, 'dog.jpg'],
    [{ position: 2 }, 'cake.jpg'],
    [{ position: 'last' as const }, 'waves.mp4'],
  ])('%j is %s', (ref, name) => {
    const found = resolveMoment(ref, moments);
    expect(typeof found === 'string' ? found : found.name).toBe(name);
  });

  it('a removed photo is still found by its file name among the files NemoVideo holds', () => {
    const found = resolveMoment({ file: 'old' }, moments, [{ id: 'f9', name: 'old.png' }]);
    expect(typeof found === 'string' ? found : found.id).toBe('f9');
  });

  it('a position past the end says how many moments there are', () => {
    expect(resolveMoment({ position: 5 }, moments)).toBe(
      "There is no moment at position 5: NemoVideo's letter has 4 (beach.jpg, cake.jpg, dog.jpg, waves.mp4).",
    );
  });
});

describe("each edit checked in NemoVideo's timeline afterwards", () => {
  /** The letter after an edit: `before` with its moments in this order and lengths, plus texts. */
  function after(order: [string, number][], texts: { start: number; end: number; text: string }[] = []): Timeline {
    let t = 0;
    const segments = order.map(([label, seconds]) => {
      const s = { start: t, end: t + seconds, label, kind: 'photo' as const, mediaId: `id-${label}` };
      t += seconds;
      return s;
    });
    return {
      aspect: '16:9',
      duration: t,
      tracks: [
        { type: 'video', role: 'video', name: 'Video', segments },
        { type: 'text', role: 'message', name: 'Message', segments: texts.map((x) => ({ ...x, label: x.text })) },
      ],
    };
  }
  const ids: Scene = {
    media: [],
    before: after([
      ['beach.jpg', 4],
      ['cake.jpg', 4],
      ['dog.jpg', 4],
    ]),
  };
  const checked = (input: EditOperationInput, t: Timeline) => {
    const result = expressEdits([EditOperation.parse(input)], ids);
    if (!result.ok) throw new Error(result.refusals.join(' '));
    return result.edits[0]!.check(t);
  };

  it.each<[string, EditOperationInput, Timeline, boolean | undefined]>([
    [
      'a caption shown during its photo is done',
      { op: 'caption', moment: { file: 'cake' }, text: 'Our lake' },
      after(
        [
          ['beach.jpg', 4],
          ['cake.jpg', 4],
          ['dog.jpg', 4],
        ],
        [{ start: 4.5, end: 7.5, text: 'Our lake' }],
      ),
      true,
    ],
    [
      'a caption shown during another photo is not',
      { op: 'caption', moment: { file: 'cake' }, text: 'Our lake' },
      after(
        [
          ['beach.jpg', 4],
          ['cake.jpg', 4],
          ['dog.jpg', 4],
        ],
        [{ start: 0, end: 3, text: 'Our lake' }],
      ),
      false,
    ],
    [
      'a photo held 6 s that now lasts 6 s is done',
      { op: 'hold', moment: { position: 2 }, to: 6 },
      after([
        ['beach.jpg', 4],
        ['cake.jpg', 6],
        ['dog.jpg', 4],
      ]),
      true,
    ],
    [
      'every photo a bit longer, but one is not, is not done',
      { op: 'hold', moment: 'all', change: 'longer' },
      after([
        ['beach.jpg', 5],
        ['cake.jpg', 4],
        ['dog.jpg', 5],
      ]),
      false,
    ],
    [
      'a photo moved to the end that is last is done',
      { op: 'move', moment: { file: 'beach' }, to: 'last' },
      after([
        ['cake.jpg', 4],
        ['dog.jpg', 4],
        ['beach.jpg', 4],
      ]),
      true,
    ],
    ['a fade cannot be seen in the timeline', { op: 'fade', at: 'end' }, after([['beach.jpg', 4]]), undefined],
  ])('%s', (_name, input, t, expected) => {
    expect(checked(input, t)).toBe(expected);
  });
});
