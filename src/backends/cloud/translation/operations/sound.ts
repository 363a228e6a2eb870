import type { SOUND_OPERATIONS } from '../../../../timeline/operations.js';
import type { z } from 'zod';
import * as check from './checks.js';
import { pct, type Table } from './shared.js';

type Op = z.infer<(typeof SOUND_OPERATIONS)[number]>['op'];

/** The sound operations (voice and music) in NemoVideo's words, and how each is checked in its timeline. */
export const SOUND: Pick<Table, Op> = {
  voice: {
    words: (o, r) => {
      const which = o.recording
        ? { en: `the voice recording ${r.recording(o.recording, 'en')}`, zh: `录音${r.recording(o.recording, 'zh')}` }
        : { en: 'my voice recording', zh: '我的录音' };
      return o.on
        ? { en: `Play ${which.en} in the letter.`, zh: `在视频信中播放${which.zh}。` }
        : { en: `Leave ${which.en} out.`, zh: `去掉${which.zh}。` };
    },
    check: (o, _r, after) => (o.recording ? undefined : check.hasTrack(after, 'voice') === o.on),
  },
  voice_place: {
    words: (o, r) => {
      const which = o.recording
        ? { en: `the voice recording ${r.recording(o.recording, 'en')}`, zh: `录音${r.recording(o.recording, 'zh')}` }
        : { en: 'my voice recording', zh: '我的录音' };
      if (o.at === 'start') return { en: `Play ${which.en} from the start.`, zh: `从开头播放${which.zh}。` };
      if (o.at === 'end')
        return {
          en: `Play ${which.en} at the end, and end the letter after it.`,
          zh: `在结尾播放${which.zh}，播完再结束。`,
        };
      return {
        en: `Start ${which.en} when ${r.name(o.at.moment, 'en')} comes on screen.`,
        zh: `在${r.name(o.at.moment, 'zh')}出现时开始播放${which.zh}。`,
      };
    },
    check: check.voicePlaced,
  },
  voice_level: {
    words: (o) =>
      o.to !== undefined
        ? { en: `Set my voice recording to ${pct(o.to)} volume.`, zh: `把录音音量设为${pct(o.to)}。` }
        : o.change === 'louder'
          ? { en: `Make my voice recording ${pct(o.by ?? 0.25)} louder.`, zh: `把录音调大${pct(o.by ?? 0.25)}。` }
          : { en: `Make my voice recording ${pct(o.by ?? 0.25)} softer.`, zh: `把录音调小${pct(o.by ?? 0.25)}。` },
    check: (o, _r, after, before) => check.level(o, 'voice', after, before),
  },
  music: {
    words: (o) =>
      o.on
        ? { en: 'Add background music.', zh: '加上背景音乐。' }
        : { en: 'No background music.', zh: '去掉背景音乐。' },
    check: (o, _r, after) => check.hasTrack(after, 'music') === o.on,
  },
  music_mood: {
    words: (o) =>
      o.to
        ? { en: `Use ${o.to} background music.`, zh: `换成${MOOD_ZH[o.to]}的背景音乐。` }
        : o.change === 'calmer'
          ? { en: 'Use calmer background music.', zh: '换成更舒缓的背景音乐。' }
          : { en: 'Use livelier background music.', zh: '换成更欢快的背景音乐。' },
  },
  music_song: {
    words: (o, r) => ({
      en: `Use ${r.recording(o.song, 'en')} as the background music.`,
      zh: `用${r.recording(o.song, 'zh')}作为背景音乐。`,
    }),
    check: (o, r, after) => check.musicIs(after, r.recording(o.song, 'en').slice(1, -1)),
  },
  music_level: {
    words: (o) =>
      o.to !== undefined
        ? { en: `Set the background music volume to ${pct(o.to)}.`, zh: `把背景音乐音量设为${pct(o.to)}。` }
        : o.change === 'louder'
          ? { en: `Make the background music ${pct(o.by ?? 0.1)} louder.`, zh: `把背景音乐调大${pct(o.by ?? 0.1)}。` }
          : { en: `Make the background music ${pct(o.by ?? 0.1)} softer.`, zh: `把背景音乐调小${pct(o.by ?? 0.1)}。` },
    check: (o, _r, after, before) => check.level(o, 'music', after, before),
  },
};

const MOOD_ZH = { warm: '温暖', gentle: '轻柔', uplifting: '振奋', celebration: '欢庆' } as const;
