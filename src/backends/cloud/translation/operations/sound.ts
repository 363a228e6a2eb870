import type { SOUND_OPERATIONS } from '../../../../core/timeline/operations.js';
import type { z } from 'zod';
import * as check from './checks.js';
import { pct, type Table, type Resolver, type Words } from './shared.js';

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
    words: (o, r) => levelWords(o, 'voice', 0.25, r),
    check: (o, r, after, before) => check.level({ ...o, to: target(o, 'voice', 0.25, r) }, 'voice', after, before),
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
    words: (o, r) => levelWords(o, 'music', 0.1, r),
    check: (o, r, after, before) => check.level({ ...o, to: target(o, 'music', 0.1, r) }, 'music', after, before),
  },
};

const MOOD_ZH = { warm: '温暖', gentle: '轻柔', uplifting: '振奋', celebration: '欢庆' } as const;

interface LevelOp {
  to?: number | undefined;
  change?: 'louder' | 'softer' | undefined;
  by?: number | undefined;
}

/**
 * The level a change aims at: NemoVideo's agent takes a volume, not this server's level steps,
 * so "ten points softer" is said as the volume it comes to when the timeline shows the level now.
 */
function target(o: LevelOp, role: 'voice' | 'music', step: number, r: Resolver): number | undefined {
  if (o.to !== undefined) return o.to;
  const now = r.volume(role);
  if (now === undefined) return undefined;
  const next = now + (o.change === 'louder' ? 1 : -1) * (o.by ?? step);
  return Math.round(Math.min(role === 'music' ? 1 : 2, Math.max(role === 'music' ? 0 : 0.1, next)) * 100) / 100;
}

function levelWords(o: LevelOp, role: 'voice' | 'music', step: number, r: Resolver): Words {
  const who =
    role === 'music' ? { en: 'the background music', zh: '背景音乐' } : { en: 'my voice recording', zh: '录音' };
  const to = target(o, role, step, r);
  if (to !== undefined) return { en: `Set ${who.en} volume to ${pct(to)}.`, zh: `把${who.zh}音量设为${pct(to)}。` };
  const by = Math.round((o.by ?? step) * 100);
  return o.change === 'louder'
    ? { en: `Make ${who.en} ${by} points louder.`, zh: `把${who.zh}音量调高${by}个百分点。` }
    : { en: `Make ${who.en} ${by} points softer.`, zh: `把${who.zh}音量调低${by}个百分点。` };
}
