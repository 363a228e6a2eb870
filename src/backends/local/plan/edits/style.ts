import type { LookStyle } from '../../../../timeline/model.js';
import type { EditRule } from './rule.js';

const LOOKS: [LookStyle, RegExp, string][] = [
  [
    'black-and-white',
    /\b(black[- ]and[- ]white|b\s*&\s*w|b\/w|monochrome|grayscale|greyscale)\b|黑白/i,
    'black and white',
  ],
  ['vintage', /\b(vintage|retro|old[- ]film|film look|nostalgic|sepia)\b|复古|怀旧|老照片/i, 'vintage'],
  [
    'warm',
    /\bwarm(?:er)?\b[^.,;]{0,15}\b(colou?rs?|tones?|look|style|filter|feel|grade)\b|\b(colou?rs?|tones?|look|style|filter|grade)\b[^.,;]{0,15}\bwarm(?:er)?\b|暖色|暖调|暖色调/i,
    'warm',
  ],
  [
    'natural',
    /\b(natural|original|normal|true)\b[^.,;]{0,10}\b(colou?rs?|look)\b|\bno (filter|style)\b|\bremove the (filter|style)\b|原色|原图|去掉滤镜/i,
    'natural',
  ],
];

export const styleRule: EditRule = {
  help: 'style: "black and white" / "黑白", "vintage" / "复古", "warm colours" / "暖色调", "natural colours" / "原色"',
  apply(text, settings) {
    const found = LOOKS.find(([, re]) => re.test(text));
    if (!found) return null;
    const [style, , name] = found;
    return { settings: { ...settings, style }, change: `Look set to ${name}.` };
  },
};
