import { voiceRecordings } from '../audio.js';
import type { EditRule } from './rule.js';

// Narration is the message read aloud by a synthesized voice: narration.ts.
const VOICE = '(?:voice|recording|voice-?over|voice memo)';

export const voiceRule: EditRule = {
  help: 'voice recording: "drop the voice recording" / "去掉录音", "use my voice recording" / "加上录音"',
  apply(text, settings, media) {
    const drop = new RegExp(
      `\\b(no|without|remove|drop|mute|turn off|skip|lose)\\b[^.,;]*\\b${VOICE}\\b|(去掉|不要|删除|删掉|关掉)[^。，；]{0,3}(录音|语音|旁白)`,
      'i',
    ).test(text);
    const use = new RegExp(
      `\\b(use|add|include|bring back|keep|turn on|put back)\\b[^.,;]*\\b${VOICE}\\b|(加上|使用|用上|保留|恢复)[^。，；]{0,3}(录音|语音|旁白)`,
      'i',
    ).test(text);
    if (drop === use) return null;
    if (use && voiceRecordings(media).length === 0) {
      return {
        settings,
        change:
          'There is no voice recording yet: upload one with upload_media (role "voice") and it will play from the start.',
      };
    }
    return drop
      ? {
          settings: { ...settings, voice: { ...settings.voice, enabled: false } },
          change: 'Voice recording left out; the letter keeps its length for the text alone.',
        }
      : {
          settings: { ...settings, voice: { ...settings.voice, enabled: true } },
          change: 'Voice recording back in: it plays from the start and the music dips under it.',
        };
  },
};
