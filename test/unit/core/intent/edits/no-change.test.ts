import { describe, expect, it } from 'vitest';
import { edited, letter, wishesOf } from './letter.js';

describe('questions, praise, thanks and negations change nothing', () => {
  it.each([
    'what music is this?',
    'how long is the video?',
    'is the music too loud?',
    'which photo is first?',
    '音乐是什么？',
    '这个视频多长？',
    'it looks great, thanks!',
    'thank you so much',
    'perfect, I love it',
    '太棒了，谢谢！',
    '很好看',
    "don't change the music",
    "please don't touch the title",
    'no need to move the photos',
    '不要改音乐',
    '别动标题',
  ])('"%s"', (sentence) => {
    const { settings, timeline, before, changes } = edited(sentence);
    expect(settings).toEqual(letter);
    expect(timeline).toEqual(before);
    expect(changes).toEqual([]);
    expect(wishesOf(sentence).every((w) => w.kind === 'remark')).toBe(true);
  });

  it('a question is answered as a question, not as an edit not understood', () => {
    expect(edited('what music is this?').reply).toMatch(/^That is a question, so nothing was changed/);
  });
});

describe('a request that could mean two things changes nothing and names both readings, ready to send', () => {
  it.each([
    [
      'make it longer',
      /the whole letter 5 s longer: edits \[\{"op":"length".*each photo longer on screen: edits \[\{"op":"hold"/,
    ],
    ['make it shorter', /"op":"length","change":"shorter".*"op":"hold","moment":"all","change":"shorter"/],
    ['make it bigger', /the captions bigger: edits .*"target":"captions".*the title bigger: edits .*"target":"title"/],
    ['turn it up', /the music louder: edits .*"op":"music_level".*the voice louder: edits .*"op":"voice_level"/],
    ['softer music please', /the music quieter: edits .*"op":"music_level".*calmer music: edits .*"op":"music_mood"/],
    ['rotate the second photo', /"turn":90.*"turn":-90/],
  ])('"%s"', (sentence, readings) => {
    const { settings, changes, reply } = edited(sentence);
    expect(settings).toEqual(letter);
    expect(changes).toEqual([]);
    expect(reply).toMatch(/could mean more than one thing, so nothing was changed for it\. Send the one meant: \(1\)/);
    expect(reply).toMatch(readings);
  });
});

describe('a request it cannot place changes nothing and offers the closest edits', () => {
  it.each([
    ['make it pop', /"op":"hold"/],
    ['move the photo to the end', /Closest edits/],
    ['put it first', /Closest edits/],
    ['remove the photos', /Closest edits/],
    ['remove photo 7', /there is no photo 7/],
    ['海边那张停留6秒', /Closest edits/],
  ])('"%s"', (sentence, said) => {
    const { settings, changes, reply } = edited(sentence);
    expect(settings).toEqual(letter);
    expect(changes).toEqual([]);
    expect(reply).toMatch(said);
  });
});
