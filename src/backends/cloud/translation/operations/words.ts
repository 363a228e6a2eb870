import type { WORD_OPERATIONS } from '../../../../core/timeline/operations.js';
import type { z } from 'zod';
import * as check from './checks.js';
import { quote, both, line, type Table } from './shared.js';

type Op = z.infer<(typeof WORD_OPERATIONS)[number]>['op'];

/** The words operations (cards, message lines, captions) in NemoVideo's words, and how each is checked in its timeline. */
export const WORDS: Pick<Table, Op> = {
  title: {
    words: (o) =>
      o.text
        ? both((l) => (l === 'en' ? `Set the title card to ${quote(o.text, l)}.` : `把标题卡改为${quote(o.text, l)}。`))
        : { en: 'Remove the title card.', zh: '删除标题卡。' },
    check: (o, _r, after) => check.textOf(after, 'title') === (o.text || undefined),
  },
  closing: {
    words: (o) =>
      o.text
        ? both((l) =>
            l === 'en'
              ? `Set the closing card at the end to ${quote(o.text, l)}.`
              : `把结尾卡改为${quote(o.text, l)}。`,
          )
        : { en: 'Remove the closing card at the end.', zh: '删除结尾卡。' },
    check: (o, _r, after) => (o.text ? check.showsText(after, o.text) : check.textOf(after, 'closing') === undefined),
  },
  message: {
    words: (o) =>
      o.text
        ? both((l) =>
            l === 'en'
              ? `Replace the letter's message with: ${quote(o.text, l)}`
              : `把视频信的正文换成：${quote(o.text, l)}`,
          )
        : { en: "Remove the letter's message text.", zh: '删除视频信的正文文字。' },
    check: (o, _r, after) => (o.text ? check.showsText(after, o.text.split(/\n|(?<=[.!?。！？])\s*/)[0]!) : undefined),
  },
  replace_line: {
    words: (o) => ({ en: `Change ${line(o.line).en} to "${o.text}".`, zh: `把${line(o.line).zh}改为“${o.text}”。` }),
    check: (o, _r, after) => check.showsText(after, o.text),
  },
  add_line: {
    words: (o) => {
      const at =
        o.at === 'end'
          ? { en: 'at the end of the message', zh: '在正文末尾' }
          : o.at === 'start'
            ? { en: 'at the start of the message', zh: '在正文开头' }
            : { en: `as line ${o.at} of the message`, zh: `作为正文第${o.at}行` };
      return { en: `Add the line "${o.text}" ${at.en}.`, zh: `${at.zh}加一行“${o.text}”。` };
    },
    check: (o, _r, after) => check.showsText(after, o.text),
  },
  remove_line: { words: (o) => ({ en: `Remove ${line(o.line).en}.`, zh: `删除${line(o.line).zh}。` }) },
  pin_line: {
    words: (o, r) =>
      o.moment
        ? {
            en: `Show ${line(o.line).en} while ${r.name(o.moment, 'en')} is on screen.`,
            zh: `在${r.name(o.moment, 'zh')}出现时显示${line(o.line).zh}。`,
          }
        : { en: `Show ${line(o.line).en} in its usual place again.`, zh: `把${line(o.line).zh}放回原来的位置。` },
  },
  caption: {
    words: (o, r) =>
      o.text
        ? {
            en: `Show the caption "${o.text}" on ${r.name(o.moment, 'en')} while it is on screen.`,
            zh: `在${r.name(o.moment, 'zh')}上显示字幕“${o.text}”。`,
          }
        : { en: `Remove the caption on ${r.name(o.moment, 'en')}.`, zh: `删除${r.name(o.moment, 'zh')}上的字幕。` },
    check: (o, r, after) => (o.text ? check.captionOn(after, r.moment(o.moment), o.text) : undefined),
  },
  captions_source: {
    words: (o) =>
      o.from === 'voice'
        ? { en: 'Make the subtitles from the words spoken in my voice recording.', zh: '根据我的录音内容生成字幕。' }
        : { en: 'Make the subtitles from my written message.', zh: '用我写的正文作为字幕。' },
  },
  narration: {
    words: (o) =>
      o.on
        ? { en: 'Read the message aloud as a text-to-speech voiceover.', zh: '用配音朗读正文。' }
        : { en: 'Do not read the message aloud.', zh: '不要用配音朗读正文。' },
    check: (o, _r, after) => (o.on ? check.hasTrack(after, 'voice') : undefined),
  },
};
