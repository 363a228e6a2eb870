import { clamp, percent, type EditRule } from './rule.js';

const CLIP = '(?:clips?|videos?)';
/** "The whole clip" plays up to this long; a phone clip longer than that belongs in its own video. */
const WHOLE_CLIP_SECONDS = 120;

export const clipsRule: EditRule = {
  help:
    'clips: "clip sound quieter" / "louder" / "mute the clips" / "clip sound at 50%" / "视频声音小一点", ' +
    '"play the whole clip" / "clips up to 30 seconds" / "完整播放视频"',
  apply(text, settings) {
    const clips = settings.clips;
    const set = (next: Partial<typeof clips>, change: string) => ({
      settings: { ...settings, clips: { ...clips, ...next } },
      change,
    });
    if (
      new RegExp(
        `\\b(mute|silence)\\b[^.,;]*\\b${CLIP}\\b|\\b${CLIP}\\b[^.,;]*\\b(sound|audio)\\s+off\\b|(视频|片段)(静音|的声音关掉)`,
        'i',
      ).test(text)
    ) {
      return set({ volume: 0 }, "Clips' own sound muted.");
    }
    const level = new RegExp(`\\b${CLIP}\\b[^0-9.,;]{0,20}(\\d{1,3})\\s*%`, 'i').exec(text);
    if (level) {
      const volume = clamp(Number(level[1]) / 100, 0, 2);
      return set({ volume }, `Clips' own sound set to ${percent(volume)}.`);
    }
    const sound =
      new RegExp(
        `\\b${CLIP}\\b[^.,;]*\\b(sound|audio|voice)\\b[^.,;]*\\b(quieter|softer|lower|louder|higher)\\b`,
        'i',
      ).exec(text) ?? /(视频|片段)[^。，；]{0,4}声音[^。，；]{0,3}(小|轻|低|大|响|高)/.exec(text);
    if (sound) {
      const up = /louder|higher|大|响|高/.test(sound[0]);
      const volume = clamp(Math.round((clips.volume + (up ? 0.2 : -0.2)) * 100) / 100, 0, 2);
      return set(
        { volume },
        `Clips' own sound ${up ? 'louder' : 'quieter'}: ${percent(clips.volume)} → ${percent(volume)}.`,
      );
    }
    if (
      new RegExp(`\\b(whole|full|entire|complete)\\s+${CLIP}\\b`, 'i').test(text) ||
      /完整(播放)?(视频|片段)/.test(text)
    ) {
      return set({ maxSeconds: WHOLE_CLIP_SECONDS }, `Clips play in full (up to ${WHOLE_CLIP_SECONDS} s each).`);
    }
    const longest = new RegExp(`\\b${CLIP}\\b[^0-9.,;]{0,20}(\\d{1,3})\\s*(?:s|sec|secs|seconds)\\b`, 'i').exec(text);
    if (longest) {
      const maxSeconds = clamp(Number(longest[1]), 1, WHOLE_CLIP_SECONDS);
      return set({ maxSeconds }, `Clips play up to ${maxSeconds} s each.`);
    }
    return null;
  },
};
