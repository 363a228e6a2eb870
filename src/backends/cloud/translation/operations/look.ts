import { COLOUR_WORDS, type LOOK_OPERATIONS } from '../../../../core/timeline/operations.js';
import type { z } from 'zod';
import * as check from './checks.js';
import { pct, secs, type Table, type Words } from './shared.js';

type Op = z.infer<(typeof LOOK_OPERATIONS)[number]>['op'];

/** The look operations (text looks, transitions, fades, theme, shape, pace, length) in NemoVideo's words, and how each is checked in its timeline. */
export const LOOK: Pick<Table, Op> = {
  text_look: {
    words: (o, r) => {
      if (o.font)
        r.refuse(`the font "${o.font}" is one of this server's own faces, which NemoVideo's editor does not have`);
      if (o.colour?.startsWith('#'))
        r.refuse(`NemoVideo's editor takes colours by name, not an exact colour like ${o.colour}`);
      const which = TEXT_TARGET[o.target];
      const parts: Words[] = [];
      if (o.size?.to !== undefined)
        parts.push({ en: `${pct(o.size.to)} of the usual size`, zh: `大小为平常的${pct(o.size.to)}` });
      else if (o.size) {
        const by = pct(o.size.by ?? 0.25);
        parts.push({ en: `${by} ${o.size.change}`, zh: `${o.size.change === 'bigger' ? '放大' : '缩小'}${by}` });
      }
      if (o.colour)
        parts.push({ en: `in ${o.colour}`, zh: `颜色改为${COLOUR_ZH[o.colour as ColourWord] ?? o.colour}` });
      if (o.backing) parts.push({ en: BACKING.en[o.backing], zh: BACKING.zh[o.backing] });
      if (parts.length === 0 && !o.font) r.refuse('it names nothing to change (a size, colour or backing)');
      const en = parts.map((p) => p.en);
      const zh = parts.map((p) => p.zh);
      return { en: `Make ${which.en} ${en.join(', ')}.`, zh: `把${which.zh}${zh.join('，')}。` };
    },
  },
  transition: {
    words: (o, r) => {
      const into =
        o.moment === 'all'
          ? { en: 'between all photos and clips', zh: '所有照片和视频之间' }
          : { en: `into ${r.name(o.moment, 'en')}`, zh: `切到${r.name(o.moment, 'zh')}时` };
      const len =
        o.style === 'crossfade' && o.seconds
          ? { en: ` of ${secs(o.seconds)} seconds`, zh: `${secs(o.seconds)}秒的` }
          : { en: '', zh: '' };
      return o.style === 'cut'
        ? { en: `Use hard cuts ${into.en}, no transition.`, zh: `${into.zh}用直接切换，不要转场。` }
        : { en: `Use crossfades${len.en} ${into.en}.`, zh: `${into.zh}用${len.zh}淡入淡出转场。` };
    },
  },
  fade: {
    words: (o) => {
      const at = {
        start: { en: 'from black at the start', zh: '开头从黑场淡入' },
        end: { en: 'to black at the end', zh: '结尾淡出到黑场' },
        both: { en: 'from black at the start and to black at the end', zh: '开头从黑场淡入、结尾淡出到黑场' },
      }[o.at];
      const len = o.seconds
        ? { en: ` over ${secs(o.seconds)} seconds`, zh: `（${secs(o.seconds)}秒）` }
        : { en: '', zh: '' };
      return o.on
        ? { en: `Fade ${at.en}${len.en}.`, zh: `${at.zh}${len.zh}。` }
        : { en: `No fade ${at.en}.`, zh: `不要${at.zh}。` };
    },
  },
  theme: {
    words: (o) =>
      o.theme === 'none'
        ? {
            en: 'Take the occasion theme off: plain cards, colours and music.',
            zh: '去掉主题风格，用朴素的卡片、颜色和音乐。',
          }
        : {
            en: `Dress the letter for ${THEME_WORDS[o.theme].en}: cards, colours, music mood and pace.`,
            zh: `按${THEME_WORDS[o.theme].zh}的主题设计卡片、颜色、音乐和节奏。`,
          },
  },
  aspect: {
    words: (o) => ASPECT_WORDS[o.aspect],
    check: (o, _r, after) => after.aspect === o.aspect,
  },
  pace: {
    words: (o) =>
      o.to !== undefined
        ? {
            en: `Keep each line and photo on screen ${pct(o.to)} as long as usual.`,
            zh: `每行文字和每张照片停留平常的${pct(o.to)}时长。`,
          }
        : o.change === 'slower'
          ? {
              en: 'Slow the pace a little: each line and photo stays longer on screen.',
              zh: '节奏放慢一点，每行文字和照片多停留一会儿。',
            }
          : {
              en: 'Quicken the pace a little: each line and photo moves on sooner.',
              zh: '节奏加快一点，每行文字和照片早点切换。',
            },
  },
  length: {
    words: (o) =>
      o.to === null
        ? { en: 'Let the text and voice decide the length.', zh: '视频长度由文字和录音决定。' }
        : o.to !== undefined
          ? { en: `Make the letter ${secs(o.to)} seconds long.`, zh: `把视频信时长设为${secs(o.to)}秒。` }
          : {
              en: `Make the letter ${secs(o.by ?? 5)} seconds ${o.change}.`,
              zh: `把视频信${o.change === 'longer' ? '加长' : '缩短'}${secs(o.by ?? 5)}秒。`,
            },
    check: check.length,
  },
  style: { words: (o) => STYLE_WORDS[o.style] },
  text_position: {
    words: (o) => {
      const where = {
        bottom: { en: 'bottom', zh: '底部' },
        center: { en: 'centre', zh: '中间' },
        top: { en: 'top', zh: '顶部' },
      }[o.position];
      return { en: `Put the message text at the ${where.en} of the frame.`, zh: `把正文文字放在画面${where.zh}。` };
    },
  },
};

const TEXT_TARGET = {
  title: { en: 'the title card text', zh: '标题卡文字' },
  closing: { en: 'the closing card text', zh: '结尾卡文字' },
  captions: { en: 'the message text and captions', zh: '正文和字幕' },
  all: { en: 'all text (title, captions and closing)', zh: '所有文字（标题、字幕和结尾）' },
} as const;
const BACKING = {
  en: { outline: 'with a dark outline', band: 'on a dark band', shadow: 'with a soft shadow only' },
  zh: { outline: '加深色描边', band: '加深色底条', shadow: '只加柔和阴影' },
} as const;
const THEME_WORDS = {
  birthday: { en: 'a birthday', zh: '生日' },
  anniversary: { en: 'an anniversary', zh: '纪念日' },
  memorial: { en: 'a memorial', zh: '追思' },
  'thank-you': { en: 'a thank-you', zh: '感谢' },
  holiday: { en: 'a holiday', zh: '节日' },
  'just-because': { en: 'an everyday note, just because', zh: '日常问候' },
} as const;
const ASPECT_WORDS = {
  '16:9': { en: 'Aspect ratio 16:9 (landscape).', zh: '画面比例改为16:9横屏。' },
  '9:16': { en: 'Aspect ratio 9:16 (vertical).', zh: '画面比例改为9:16竖屏。' },
  '1:1': { en: 'Aspect ratio 1:1 (square).', zh: '画面比例改为1:1方形。' },
} as const;
const STYLE_WORDS = {
  natural: { en: 'Colour look: natural.', zh: '色调：自然。' },
  warm: { en: 'Colour look: warm.', zh: '色调：暖色。' },
  'black-and-white': { en: 'Colour look: black and white.', zh: '色调：黑白。' },
  vintage: { en: 'Colour look: vintage.', zh: '色调：复古。' },
} as const;

type ColourWord = keyof typeof COLOUR_WORDS;
const COLOUR_ZH: Record<ColourWord, string> = {
  white: '白色',
  cream: '奶油色',
  ivory: '象牙白',
  black: '黑色',
  grey: '灰色',
  gray: '灰色',
  silver: '银色',
  gold: '金色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
  pink: '粉色',
  rose: '玫瑰色',
  purple: '紫色',
  lavender: '淡紫色',
  blue: '蓝色',
  navy: '藏青色',
  teal: '青色',
  green: '绿色',
  mint: '薄荷绿',
  brown: '棕色',
};
