import type { LetterSettings, StoredMedia } from '../../project.js';
import { chosenVoice } from '../audio.js';
import { spokenCaptions } from '../plan.js';
import type { EditResult, EditRule } from './rule.js';

export type CaptionSource = LetterSettings['captions'];

const SPOKEN =
  'what i (?:said|say|recorded|spoke)|my (?:own )?spoken words|(?:my|the) (?:voice(?: recording| memo| note)?|recording|speech|narration|voice-?over)|the transcript(?:ion)?';
const CAPTION = 'captions?|subtitles?|on-?screen (?:text|words|lines)';
const TYPED = '(?:my |the )?(?:typed|written) (?:message|text|words)|(?:my|the) message';
const SEP = '[^.;,，。；]';
const ASKS_VOICE = [
  new RegExp(`\\b(?:${SPOKEN})\\b${SEP}{0,20}\\b(?:as|for|into|in)\\b${SEP}{0,12}\\b(?:${CAPTION})\\b`, 'i'),
  new RegExp(
    `\\b(?:${CAPTION})\\b${SEP}{0,12}\\b(?:from|of|with|follow(?:ing)?|to match)\\b${SEP}{0,12}\\b(?:${SPOKEN})\\b`,
    'i',
  ),
  new RegExp(`\\b(?:caption|subtitle)\\s+(?:${SPOKEN})\\b`, 'i'),
  /(我说的话?|我讲的话?|录音里?的话|录音|语音|口述)[^，。,.；;]{0,4}(做|当|作为|变成|生成|转成|转为|当作|用作|做成)[^，。,.；;]{0,2}字幕|字幕[^，。,.；;]{0,4}(用|来自|跟着|按照|根据)[^，。,.；;]{0,4}(录音|语音|我说的)/,
];
const ASKS_MESSAGE = [
  new RegExp(`\\b(?:${TYPED})\\b${SEP}{0,20}\\b(?:as|for|into|in)\\b${SEP}{0,12}\\b(?:${CAPTION})\\b`, 'i'),
  new RegExp(`\\b(?:${CAPTION})\\b${SEP}{0,12}\\b(?:from|of|show(?:ing)?)\\b${SEP}{0,12}\\b(?:${TYPED})\\b`, 'i'),
  /(我写的(话|字)?|打的字|输入的文字|文字|留言)[^，。,.；;]{0,4}(做|当|作为|当作|用作|做成)[^，。,.；;]{0,2}字幕|字幕[^，。,.；;]{0,4}(用|改回)[^，。,.；;]{0,4}(我写的|文字|留言)/,
];

/**
 * Where the on-screen lines come from: the typed message, or the words of the voice recording
 * (which then plays, as asking for its words implies). Shared by the instruction rule and
 * generate_letter's `captions` field, so both say the same thing.
 */
export function captionsFrom(source: CaptionSource, settings: LetterSettings, media: StoredMedia[]): EditResult {
  if (source === 'message') {
    return settings.captions === 'message'
      ? { settings, change: 'The captions already show the typed message.' }
      : {
          settings: { ...settings, captions: 'message' },
          change: 'Captions show the typed message again, paced for reading.',
        };
  }
  const voiced = { ...settings, voice: { ...settings.voice, enabled: true }, captions: 'voice' as const };
  const voice = chosenVoice(voiced, media);
  if (!voice)
    return {
      settings,
      change:
        'There is no voice recording to take captions from: upload one with upload_media (role "voice"), then ask again.',
    };
  const transcript = voice.transcript;
  if (!transcript) {
    return {
      settings: voiced,
      change: `The captions will follow "${voice.fileName}" as soon as its words are transcribed (get_state shows them); until then the typed message shows.`,
    };
  }
  if (transcript.status !== 'done')
    return {
      settings,
      change: transcript.note ?? 'The voice recording could not be transcribed; the typed message stays the captions.',
    };
  const lines = spokenCaptions(voiced, voice);
  if (!lines)
    return { settings, change: `No words were heard in "${voice.fileName}", so the typed message stays the captions.` };
  return {
    settings: voiced,
    change: `Captions now follow "${voice.fileName}": ${lines.length} line${lines.length === 1 ? '' : 's'} of what you said, each on screen while it is spoken (the typed message is kept).`,
  };
}

export const captionsRule: EditRule = {
  help: 'captions from the voice: "use what I said as the captions" / "用我说的话做字幕"; back: "use my typed message as the captions" / "用我写的文字做字幕"',
  apply(text, settings, media) {
    if (ASKS_MESSAGE.some((re) => re.test(text))) return captionsFrom('message', settings, media);
    if (ASKS_VOICE.some((re) => re.test(text))) return captionsFrom('voice', settings, media);
    return null;
  },
};
