import { LetterError } from '../../../../errors.js';
import { MOODS_SENTENCE, type MusicMood } from '../../../../timeline/model.js';
import { MOOD_NAMES } from '../../music/synth.js';
import { clamp, percent, type EditRule } from './rule.js';

const MUSIC = '(?:music|bgm|soundtrack|song|tune)';

/** Words people use for each built-in mood, English and Chinese. */
const MOOD_WORDS: Record<MusicMood, string> = {
  warm: 'warm|cosy|cozy|tender|温馨|温暖',
  gentle: 'gentle|calm|soft|quiet|peaceful|relaxing|轻柔|舒缓|安静|柔和',
  uplifting: 'uplifting|hopeful|inspiring|bright|upbeat|励志|振奋|积极|明快',
  celebration: 'celebration|celebratory|festive|party|joyful|happy|birthday|庆祝|喜庆|节日|欢快|生日',
};

/** Kinds of music people ask for that are not built in: asked for, they are refused with the moods there are. */
const OTHER_MUSIC =
  'jazz|jazzy|rock|classical|pop|hip[- ]?hop|rap|blues|electronic|edm|techno|disco|reggae|metal|lo-?fi|piano|guitar|orchestral|ambient|sad|romantic|epic|dramatic|爵士|摇滚|古典|流行|说唱|电子|钢琴|吉他|悲伤|浪漫';

/** The first of `words` (a regex alternation) named next to the word "music", in English or Chinese. */
function musicWord(text: string, words: string): string | undefined {
  const english = new RegExp(
    `\\b(${words})\\b[^.,;]{0,15}\\b${MUSIC}\\b|\\b${MUSIC}\\b[^.,;]{0,20}\\b(${words})\\b`,
    'i',
  ).exec(text);
  const chinese = new RegExp(`(${words})[的]?(?:背景)?音乐|音乐[^。，；]{0,6}(${words})`).exec(text);
  const found = english ?? chinese;
  return found ? (found[1] ?? found[2]) : undefined;
}

export function moodIn(text: string): MusicMood | undefined {
  return MOOD_NAMES.find((mood) => musicWord(text, MOOD_WORDS[mood]) !== undefined);
}

export const musicRule: EditRule = {
  help:
    'music: "no music" / "关掉音乐", "add music", "music quieter" / "louder" / "音乐小一点", "music at 20%", ' +
    `"gentle music" / "celebration music" / "欢快的音乐" (moods: ${MOODS_SENTENCE})`,
  apply(text, settings) {
    const music = settings.music;
    if (
      /\b(no|without|remove|turn off|mute|drop)\b[^.,;]*\b(music|bgm|soundtrack)\b|\b(music|bgm)\s+off\b|(去掉|关掉|关闭|不要)(背景)?音乐/i.test(
        text,
      )
    ) {
      return { settings: { ...settings, music: { ...music, enabled: false } }, change: 'Background music turned off.' };
    }
    const level = /\b(?:music|bgm)\b[^0-9]{0,20}(\d{1,3})\s*%|音乐[^0-9]{0,6}(\d{1,3})\s*%/i.exec(text);
    if (level) {
      const volume = clamp(Number(level[1] ?? level[2]) / 100, 0, 1);
      return {
        settings: { ...settings, music: { ...music, enabled: true, volume } },
        change: `Music volume set to ${percent(volume)}.`,
      };
    }
    if (
      /\b(music|bgm)\b[^.,;]*\b(quieter|softer|lower|down)\b|\b(quieter|softer|lower)\b[^.,;]*\b(music|bgm)\b|音乐[^。，；]{0,3}(小|轻|低)|(调低|降低|减小)[^。，；]{0,3}音乐/i.test(
        text,
      )
    ) {
      const volume = clamp(Math.round((music.volume - 0.1) * 100) / 100, 0, 1);
      return {
        settings: { ...settings, music: { ...music, enabled: true, volume } },
        change: `Music quieter: ${percent(music.volume)} → ${percent(volume)}.`,
      };
    }
    if (
      /\b(music|bgm)\b[^.,;]*\b(louder|higher|up)\b|\b(louder)\b[^.,;]*\b(music|bgm)\b|音乐[^。，；]{0,3}(大|响|高)|(调高|提高|加大)[^。，；]{0,3}音乐/i.test(
        text,
      )
    ) {
      const volume = clamp(Math.round((music.volume + 0.1) * 100) / 100, 0, 1);
      return {
        settings: { ...settings, music: { ...music, enabled: true, volume } },
        change: `Music louder: ${percent(music.volume)} → ${percent(volume)}.`,
      };
    }
    const mood = moodIn(text);
    const other = mood ? undefined : musicWord(text, OTHER_MUSIC);
    if (other) {
      throw new LetterError(
        'invalid_request',
        `There is no ${other.toLowerCase()} music to choose: the built-in music comes in ${MOODS_SENTENCE}. Ask for one of those, or upload a song with upload_media (role "music").`,
      );
    }
    if (mood) {
      // Asking for a mood means the built-in music, even when a song was uploaded.
      return {
        settings: { ...settings, music: { ...music, enabled: true, mood, mediaId: null } },
        change: `Music: built-in ${mood} music at ${percent(music.volume)}.`,
      };
    }
    if (
      /\b(add|turn on|with|bring back)\b[^.,;]*\b(music|bgm)\b|(加|添加|打开|加上)(背景)?音乐/i.test(text) &&
      !music.enabled
    ) {
      return {
        settings: { ...settings, music: { ...music, enabled: true } },
        change: `Background music on at ${percent(music.volume)}.`,
      };
    }
    return null;
  },
};
