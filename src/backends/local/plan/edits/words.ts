import type { TextPosition } from '../../../../timeline/model.js';
import type { EditRule } from './rule.js';

/** `title "Dear Mom"`, `title: Dear Mom`, `标题：…`; also the closing line the same way. */
function quotedField(text: string, keys: string): string | undefined {
  const m =
    new RegExp(`(?:${keys})\\s*(?:to|as|is|=|:|：|改成|改为|为)?\\s*["“「『']([^"”」』']+)["”」』']`, 'iu').exec(
      text,
    ) ?? new RegExp(`(?:${keys})\\s*(?::|：)\\s*([^\\n]+)$`, 'iu').exec(text);
  return m?.[1]?.trim();
}

export const titleRule: EditRule = {
  help: 'title: title "Dear Grandma" / 标题「…」',
  apply(text, settings) {
    const title = quotedField(text, 'title|heading|标题');
    if (title === undefined) return null;
    return { settings: { ...settings, title }, change: `Title set to "${title}".` };
  },
};

export const closingRule: EditRule = {
  help: 'closing card: closing "With love, Anna" / sign it "…" / 结尾「…」',
  apply(text, settings) {
    const closing = quotedField(text, 'closing(?: line| card)?|sign(?:ed|ature)?(?: it)?|ending|结尾|落款|署名');
    if (closing === undefined) return null;
    return { settings: { ...settings, closing }, change: `Closing card set to "${closing}".` };
  },
};

const POSITIONS: [TextPosition, RegExp][] = [
  ['top', /\b(top|upper)\b|顶部|上面|上方|顶端/i],
  ['center', /\b(center|centre|middle)\b|中间|居中|中央/i],
  ['bottom', /\b(bottom|lower)\b|底部|下面|下方|底端/i],
];

export const textPositionRule: EditRule = {
  help: 'text position: "text at the top" / "captions in the middle" / "文字放在顶部"',
  apply(text, settings) {
    const about = /\b(text|words|captions?|message|subtitles?|lines?)\b|文字|字幕|文本/i.exec(text);
    if (!about) return null;
    const near = text.slice(Math.max(0, about.index - 20), about.index + about[0].length + 30);
    const found = POSITIONS.find(([, re]) => re.test(near));
    if (!found) return null;
    const [textPosition] = found;
    return {
      settings: { ...settings, textPosition },
      change: `Message text moved to the ${textPosition} of the frame.`,
    };
  },
};
