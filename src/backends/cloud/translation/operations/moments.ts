import type { MOMENT_OPERATIONS } from '../../../../core/timeline/operations.js';
import type { z } from 'zod';
import { findAgain, momentsOf } from '../moments.js';
import * as check from './checks.js';
import { pct, secs, type Table } from './shared.js';

type Op = z.infer<(typeof MOMENT_OPERATIONS)[number]>['op'];

/** The moment operations (order, length, trims, clip sound) in NemoVideo's words, and how each is checked in its timeline. */
export const MOMENTS: Pick<Table, Op> = {
  hold: {
    words: (o, r) => {
      const who = { en: r.name(o.moment, 'en'), zh: r.name(o.moment, 'zh') };
      if (o.to !== undefined)
        return { en: `Keep ${who.en} on screen for ${secs(o.to)} seconds.`, zh: `让${who.zh}停留${secs(o.to)}秒。` };
      const by = secs(o.by ?? 1.5);
      return o.change === 'longer'
        ? { en: `Keep ${who.en} on screen ${by} seconds longer.`, zh: `让${who.zh}多停留${by}秒。` }
        : { en: `Keep ${who.en} on screen ${by} seconds shorter.`, zh: `让${who.zh}少停留${by}秒。` };
    },
    check: check.held,
  },
  order: {
    words: (o, r) => {
      const names = (l: 'en' | 'zh') => o.moments.map((m) => r.name(m, l)).join(l === 'en' ? ', ' : '、');
      return {
        en: `Put the photos and clips in this order at the start: ${names('en')}.`,
        zh: `把照片和视频按这个顺序放在开头：${names('zh')}。`,
      };
    },
    check: (o, r, after) =>
      check.startsWith(
        after,
        o.moments.map((m) => r.moment(m)),
      ),
  },
  move: {
    words: (o, r) => {
      const who = { en: r.name(o.moment, 'en'), zh: r.name(o.moment, 'zh') };
      if (o.before)
        return {
          en: `Move ${who.en} to just before ${r.name(o.before, 'en')}.`,
          zh: `把${who.zh}移到${r.name(o.before, 'zh')}前面。`,
        };
      if (o.after)
        return {
          en: `Move ${who.en} to just after ${r.name(o.after, 'en')}.`,
          zh: `把${who.zh}移到${r.name(o.after, 'zh')}后面。`,
        };
      if (o.to === 'first') return { en: `Move ${who.en} to the start.`, zh: `把${who.zh}移到开头。` };
      if (o.to === 'last') return { en: `Move ${who.en} to the end.`, zh: `把${who.zh}移到最后。` };
      return { en: `Move ${who.en} to place ${o.to}.`, zh: `把${who.zh}移到第${o.to}个位置。` };
    },
    check: check.moved,
  },
  swap: {
    words: (o, r) => ({
      en: `Swap the places of ${r.name(o.a, 'en')} and ${r.name(o.b, 'en')}.`,
      zh: `交换${r.name(o.a, 'zh')}和${r.name(o.b, 'zh')}的位置。`,
    }),
    check: (o, r, after) => check.swapped(after, r.moment(o.a), r.moment(o.b)),
  },
  remove: {
    words: (o, r) => ({
      en: `Remove ${r.name(o.moment, 'en')} from the video.`,
      zh: `把${r.name(o.moment, 'zh')}从视频中删除。`,
    }),
    check: (o, r, after) => findAgain(r.moment(o.moment), momentsOf(after)) === undefined,
  },
  restore: {
    words: (o, r) => ({
      en: `Add ${r.name(o.moment, 'en')} back into the video, at the end.`,
      zh: `把${r.name(o.moment, 'zh')}加回视频的最后。`,
    }),
    check: (o, r, after) => findAgain(r.moment(o.moment), momentsOf(after)) !== undefined,
  },
  rotate: { refused: "NemoVideo's editor has no control for turning one photo or clip" },
  trim: {
    words: (o, r) => {
      const from = secs(o.from ?? 0);
      const to = o.to === undefined ? undefined : secs(o.to);
      return to === undefined
        ? {
            en: `Play ${r.name(o.moment, 'en')} from ${from} seconds in to its end.`,
            zh: `${r.name(o.moment, 'zh')}从第${from}秒播放到结尾。`,
          }
        : {
            en: `Play only ${r.name(o.moment, 'en')} from ${from} to ${to} seconds.`,
            zh: `${r.name(o.moment, 'zh')}只播放第${from}秒到第${to}秒。`,
          };
    },
    check: (o, r, after) => {
      const now = findAgain(r.moment(o.moment), momentsOf(after));
      if (o.to === undefined) return undefined;
      return now !== undefined && Math.abs(now.seconds - (o.to - (o.from ?? 0))) <= 0.3;
    },
  },
  clip_limit: {
    words: (o) => ({
      en: `Play each video clip for at most ${secs(o.seconds)} seconds.`,
      zh: `每段视频最多播放${secs(o.seconds)}秒。`,
    }),
    check: (o, _r, after) =>
      momentsOf(after)
        .filter((m) => m.kind === 'clip')
        .every((m) => m.seconds <= o.seconds + 0.3),
  },
  clip_sound: {
    words: (o, r) => {
      const who =
        o.moment === 'all'
          ? { en: "the clips' own sound", zh: '所有视频的原声' }
          : { en: `the own sound of ${r.name(o.moment, 'en')}`, zh: `${r.name(o.moment, 'zh')}的原声` };
      if (o.to === 0) return { en: `Mute ${who.en}.`, zh: `把${who.zh}静音。` };
      if (o.to !== undefined)
        return { en: `Set ${who.en} to ${pct(o.to)} volume.`, zh: `把${who.zh}音量设为${pct(o.to)}。` };
      return o.change === 'louder'
        ? { en: `Make ${who.en} ${pct(o.by ?? 0.25)} louder.`, zh: `把${who.zh}调大${pct(o.by ?? 0.25)}。` }
        : { en: `Make ${who.en} ${pct(o.by ?? 0.25)} softer.`, zh: `把${who.zh}调小${pct(o.by ?? 0.25)}。` };
    },
  },
};
