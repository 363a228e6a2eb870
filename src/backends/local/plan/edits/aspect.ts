import { aspectInWords } from '../../../../timeline/aspect.js';
import type { EditRule } from './rule.js';

export const aspectRule: EditRule = {
  help: 'aspect: "vertical" / "portrait" / "9:16" / "竖屏", "square" / "1:1" / "方形", "landscape" / "16:9" / "横屏"',
  apply(text, settings) {
    const aspect = /\b(vertical|portrait|9\s*[:x/]\s*16|stories|reels?|tiktok)\b|竖屏|竖版/i.test(text)
      ? '9:16'
      : /\b(square|1\s*[:x/]\s*1)\b|方形|正方/i.test(text)
        ? '1:1'
        : /\b(landscape|horizontal|widescreen|16\s*[:x/]\s*9)\b|横屏|横版/i.test(text)
          ? '16:9'
          : undefined;
    if (!aspect) return null;
    return { settings: { ...settings, aspect }, change: `Aspect set to ${aspectInWords(aspect)}.` };
  },
};
