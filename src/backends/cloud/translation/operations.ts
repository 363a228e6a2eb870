import type {
  EditOperation,
  LineRef,
  MomentRef,
  MomentsRef,
  OperationName,
  RecordingRef,
} from '../../../timeline/operations.js';
import type { Timeline } from '../../../timeline/model.js';
import { bareName, findAgain, momentsOf, resolveMoment, type CloudMoment } from './moments.js';
import * as check from './operation-checks.js';

/**
 * The edit vocabulary in the words NemoVideo's agent understands. The agent edits only from
 * plain language (the seed routes every edit through its chat) and its timeline records only
 * tracks, segments, texts, volumes and the aspect. So each operation is one plain sentence, in
 * English or Chinese, and is checked afterwards in the timeline where the timeline can show it.
 * What the agent has no control for (a focus point, a rotation, this server's own fonts, an exact
 * colour, an undo) is refused in a sentence, before anything is sent. The table is written down
 * in docs/cloud.md.
 */
export interface Words {
  en: string;
  zh: string;
}

/** What an operation's words and check see: NemoVideo's letter before the edit. */
export interface Scene {
  before: Timeline | null;
  /** The files NemoVideo holds, for moments left out of the timeline and for recordings. */
  media: { id: string; name: string; kind: string }[];
}

/** Resolves references while words are written; the first problem becomes the refusal. */
export class Resolver {
  readonly problems: string[] = [];
  private readonly moments: CloudMoment[];
  constructor(private readonly scene: Scene) {
    this.moments = momentsOf(scene.before);
  }
  moment(ref: MomentRef): CloudMoment {
    const found = resolveMoment(ref, this.moments, this.scene.media);
    if (typeof found === 'string') {
      this.problems.push(found);
      return { position: 0, id: undefined, name: '?', start: 0, seconds: 0, kind: undefined };
    }
    return found;
  }
  /** A moment's name as the agent saw it at upload (quoted), or "every photo and clip". */
  name(ref: MomentsRef, lang: 'en' | 'zh'): string {
    if (ref === 'all') return lang === 'en' ? 'every photo and clip' : '每张照片和每段视频';
    return quote(this.moment(ref).name, lang);
  }
  /** A voice recording or song, by id, file name or position among the audio uploads. */
  recording(ref: RecordingRef, lang: 'en' | 'zh'): string {
    const audio = this.scene.media.filter((m) => m.kind === 'audio');
    const found =
      'position' in ref
        ? ref.position === 'last'
          ? audio.at(-1)
          : audio[ref.position - 1]
        : 'id' in ref
          ? audio.find((m) => m.id === ref.id)
          : audio.find((m) => bareName(m.name) === bareName(ref.file));
    if (found) return quote(found.name, lang);
    this.problems.push(
      `No recording matches ${JSON.stringify(ref)} (the audio files NemoVideo holds: ${audio.map((m) => m.name).join(', ') || 'none'}).`,
    );
    return '?';
  }
  refuse(sentence: string): void {
    this.problems.push(sentence);
  }
  get all(): CloudMoment[] {
    return this.moments;
  }
}

/**
 * Whether the timeline after the edit shows it done: true, false, or undefined when NemoVideo's
 * timeline does not record that kind of change.
 */
export type Check<O> = (op: O, r: Resolver, after: Timeline, before: Timeline | null) => boolean | undefined;

type Entry<O> = { refused: string } | { words: (op: O, r: Resolver) => Words; check?: Check<O> };
type Table = { [K in OperationName]: Entry<Extract<EditOperation, { op: K }>> };

export const quote = (text: string, lang: 'en' | 'zh') => (lang === 'en' ? `"${text}"` : `“${text}”`);
const both = (f: (lang: 'en' | 'zh') => string): Words => ({ en: f('en'), zh: f('zh') });
const pct = (level: number) => `${Math.round(level * 100)}%`;
const secs = (s: number) => `${Math.round(s * 10) / 10}`;

function line(ref: LineRef): Words {
  if (ref === 'last') return { en: 'the last line of the message', zh: '正文的最后一行' };
  if (typeof ref === 'number') return { en: `line ${ref} of the message`, zh: `正文第${ref}行` };
  return { en: `the message line containing "${ref}"`, zh: `正文中包含“${ref}”的那一行` };
}

const OPERATIONS: Table = {
  // Words
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
  // Moments
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
  focus: { refused: "NemoVideo's editor has no control for a photo's focus point (what the framing keeps in view)" },
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
      const who = { en: `the own sound of ${r.name(o.moment, 'en')}`, zh: `${r.name(o.moment, 'zh')}的原声` };
      if (o.to === 0) return { en: `Mute ${who.en}.`, zh: `把${who.zh}静音。` };
      if (o.to !== undefined)
        return { en: `Set ${who.en} to ${pct(o.to)} volume.`, zh: `把${who.zh}音量设为${pct(o.to)}。` };
      return o.change === 'louder'
        ? { en: `Make ${who.en} ${pct(o.by ?? 0.25)} louder.`, zh: `把${who.zh}调大${pct(o.by ?? 0.25)}。` }
        : { en: `Make ${who.en} ${pct(o.by ?? 0.25)} softer.`, zh: `把${who.zh}调小${pct(o.by ?? 0.25)}。` };
    },
  },
  // Sound
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
  // Look
  text_look: {
    words: (o, r) => {
      if (o.font)
        r.refuse(`the font "${o.font}" is one of this server's own faces, which NemoVideo's editor does not have`);
      if (o.colour?.startsWith('#'))
        r.refuse(`NemoVideo's editor takes colours by name, not an exact colour like ${o.colour}`);
      const which = TEXT_TARGET[o.target];
      const en: string[] = [];
      const zh: string[] = [];
      if (o.size?.to !== undefined)
        (en.push(`${pct(o.size.to)} of the usual size`), zh.push(`大小为平常的${pct(o.size.to)}`));
      else if (o.size)
        (en.push(`${pct(o.size.by ?? 0.25)} ${o.size.change}`),
          zh.push(`${o.size.change === 'bigger' ? '放大' : '缩小'}${pct(o.size.by ?? 0.25)}`));
      if (o.colour) (en.push(`in ${o.colour}`), zh.push(`颜色改为${o.colour}`));
      if (o.backing) (en.push(BACKING.en[o.backing]), zh.push(BACKING.zh[o.backing]));
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
  undo: {
    refused:
      'NemoVideo keeps no earlier versions of a letter this server could go back to; say what to change back instead',
  },
};

const MOOD_ZH = { warm: '温暖', gentle: '轻柔', uplifting: '振奋', celebration: '欢庆' } as const;
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

/** One operation, ready to send: its words, and its check against the timeline afterwards. */
export interface Expressed {
  op: EditOperation;
  words: Words;
  check: (after: Timeline) => boolean | undefined;
}

/**
 * The list in NemoVideo's words, all or none: the refusals (one sentence per operation that cannot
 * be said, naming it) when any operation cannot be expressed, else every operation expressed.
 */
export function expressEdits(
  ops: EditOperation[],
  scene: Scene,
): { ok: true; edits: Expressed[] } | { ok: false; refusals: string[] } {
  const refusals: string[] = [];
  const edits: Expressed[] = [];
  ops.forEach((op, i) => {
    const entry = OPERATIONS[op.op] as Entry<EditOperation>;
    const label = `"${op.op}" (edit ${i + 1})`;
    if ('refused' in entry) return void refusals.push(`${label}: ${entry.refused}.`);
    const r = new Resolver(scene);
    const words = entry.words(op, r);
    if (r.problems.length > 0) return void refusals.push(`${label}: ${r.problems.join(' ')}`);
    const test = entry.check;
    edits.push({ op, words, check: (after) => test?.(op, r, after, scene.before) });
  });
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, edits };
}

/** Whether NemoVideo can be asked for this operation at all (for docs and tests). */
export function refusedReason(name: OperationName): string | undefined {
  const entry = OPERATIONS[name];
  return 'refused' in entry ? entry.refused : undefined;
}

/** Several operations' words for one chat message, a sentence a line, in the session's language. */
export function editLines(edits: Expressed[], language: string | undefined): string[] {
  const lang = language === 'zh' ? 'zh' : 'en';
  return edits.map((e) => e.words[lang]);
}
