import { describe, expect, it } from 'vitest';
import { applyRequest } from '../../../../../src/backends/local/letter-request.js';
import { LetterSettings } from '../../../../../src/backends/local/project.js';
import { splitMessage } from '../../../../../src/backends/local/plan/pacing.js';
import { frameMessage } from '../../../../../src/backends/local/plan/salutation.js';

describe('a message that opens with a salutation and ends with a sign-off', () => {
  it.each([
    [
      'Dear Grandma,\nHappy birthday! We miss you.\nWith all my love,\nLena',
      'Dear Grandma',
      'Happy birthday! We miss you.',
      'With all my love,\nLena',
    ],
    [
      'Hi Mum\nThank you for everything.\nLove, Anna, Tom and the kids',
      'Hi Mum',
      'Thank you for everything.',
      'Love, Anna, Tom and the kids',
    ],
    [
      'Hello everyone!\nWhat a year it has been.\nYours, Tom',
      'Hello everyone!',
      'What a year it has been.',
      'Yours, Tom',
    ],
    ['Dearest Dad,\nWe are so proud of you.\n— Sam', 'Dearest Dad', 'We are so proud of you.', '— Sam'],
    [
      'Dear Grandma, happy birthday!\nWe miss you.\nLove,\nLena',
      'Dear Grandma',
      'Happy birthday!\nWe miss you.',
      'Love,\nLena',
    ],
    [
      '亲爱的奶奶：\n祝您生日快乐！我们很想您。\n爱你的 莉娜',
      '亲爱的奶奶',
      '祝您生日快乐！我们很想您。',
      '爱你的 莉娜',
    ],
    ['奶奶，您好\n我们都很想您。\n孙女 莉娜 敬上', '奶奶，您好', '我们都很想您。', '孙女 莉娜 敬上'],
    ['敬爱的爷爷，\n身体健康！\n爱您的\n小明', '敬爱的爷爷', '身体健康！', '爱您的\n小明'],
  ])('%j: title %j, message %j, closing %j', (message, salutation, body, signOff) => {
    expect(frameMessage(message)).toEqual({ salutation, body, signOff });
  });

  it('a sign-off followed by an emoji line keeps the emoji on the closing card', () => {
    expect(frameMessage('Dear Mom,\nWe love you.\nLove, Anna\n❤️')).toEqual({
      salutation: 'Dear Mom',
      body: 'We love you.',
      signOff: 'Love, Anna ❤️',
    });
  });
});

describe('a message without them is left as it is', () => {
  it.each([
    'Happy birthday! We miss you.\nSee you at Christmas.',
    'Dear me, what a year it has been, with so much to tell you about the garden and the dog and the new house.\nMore soon.',
    'We love you.\nLove you!\nSee you soon.\nThe garden is lovely this year.',
    'Dear Grandma,',
    '今天天气很好。\n我们去了海边。',
  ])('%j', (message) => {
    expect(frameMessage(message)).toEqual({ body: message });
  });

  it('a "love you" in the middle of the letter stays a line of it', () => {
    expect(frameMessage('Hi Mum\nLove you!\nThe garden is lovely.').body).toBe('Love you!\nThe garden is lovely.');
  });
});

describe('cards the person gave', () => {
  it('keep the salutation and the sign-off in the message', () => {
    const message = 'Dear Grandma,\nHappy birthday!\nLove, Lena';
    expect(frameMessage(message, { title: false, closing: false })).toEqual({ body: message });
    expect(frameMessage(message, { title: false, closing: true })).toEqual({
      body: 'Dear Grandma,\nHappy birthday!',
      signOff: 'Love, Lena',
    });
  });
});

describe('an emoji-only line', () => {
  it('joins the line before it on screen', () => {
    expect(splitMessage('We love you!\n🎂🎉\nSee you soon.')).toEqual(['We love you! 🎂🎉', 'See you soon.']);
    expect(splitMessage('Happy birthday! ❤️')).toEqual(['Happy birthday! ❤️']);
  });

  it('a number is not an emoji line', () => {
    expect(splitMessage('We counted.\n80')).toEqual(['We counted.', '80']);
  });
});

describe('a message given to generate_letter', () => {
  const letter = LetterSettings.parse({});
  const message = 'Dear Grandma,\nHappy birthday!\n🎂\nWith all my love,\nLena';

  it('puts its salutation on the title card and its sign-off on the closing card, not in the captions', () => {
    const outcome = applyRequest({ message }, letter, []);
    expect(outcome.settings).toMatchObject({
      title: 'Dear Grandma',
      message: 'Happy birthday! 🎂',
      closing: 'With all my love,\nLena',
    });
    expect(outcome.changes.join(' ')).toMatch(
      /Title set to "Dear Grandma"\. Closing card set to "With all my love,\nLena"/,
    );
  });

  it('keeps the salutation as a line when a title is given with it', () => {
    const outcome = applyRequest({ message, title: 'Happy 80th!' }, letter, []);
    expect(outcome.settings).toMatchObject({ title: 'Happy 80th!', closing: 'With all my love,\nLena' });
    expect(splitMessage(outcome.settings.message)[0]).toBe('Dear Grandma,');
  });
});
