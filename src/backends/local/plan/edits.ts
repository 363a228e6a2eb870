import type { LetterSettings, StoredMedia } from '../project.js';

/**
 * Plain-language edits, each a small deterministic rule. A rule looks at the whole instruction
 * and, when it recognises its request, returns the new settings and one sentence saying what
 * changed. Several rules may apply to one instruction ("vertical, and music quieter").
 */
export interface EditRule {
  /** What the rule understands, as listed to the agent when nothing matched. */
  help: string;
  apply(instruction: string, settings: LetterSettings, media: StoredMedia[]): { settings: LetterSettings; change: string } | null;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

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
    const name = { '9:16': 'vertical', '1:1': 'square', '16:9': 'landscape' }[aspect];
    return { settings: { ...settings, aspect }, change: `Aspect set to ${aspect} (${name}).` };
  },
};

export const musicRule: EditRule = {
  help: 'music: "no music" / "关掉音乐", "add music", "music quieter" / "louder", "music at 20%"',
  apply(text, settings) {
    const music = settings.music;
    if (/\b(no|without|remove|turn off|mute|drop)\b[^.,;]*\b(music|bgm|soundtrack)\b|\b(music|bgm)\s+off\b|(去掉|关掉|关闭|不要)(背景)?音乐/i.test(text)) {
      return { settings: { ...settings, music: { ...music, enabled: false } }, change: 'Background music turned off.' };
    }
    const level = /\b(?:music|bgm)\b[^0-9]{0,20}(\d{1,3})\s*%|音乐[^0-9]{0,6}(\d{1,3})\s*%/i.exec(text);
    if (level) {
      const volume = clamp01(Number(level[1] ?? level[2]) / 100);
      return { settings: { ...settings, music: { ...music, enabled: true, volume } }, change: `Music volume set to ${percent(volume)}.` };
    }
    if (/\b(music|bgm)\b[^.,;]*\b(quieter|softer|lower|down)\b|\b(quieter|softer|lower)\b[^.,;]*\b(music|bgm)\b|音乐(小|轻)|(调低|降低)音乐/i.test(text)) {
      const volume = clamp01(Math.round((music.volume - 0.1) * 100) / 100);
      return { settings: { ...settings, music: { ...music, enabled: true, volume } }, change: `Music quieter: ${percent(music.volume)} → ${percent(volume)}.` };
    }
    if (/\b(music|bgm)\b[^.,;]*\b(louder|higher|up)\b|\b(louder)\b[^.,;]*\b(music|bgm)\b|音乐(大|响)|(调高|提高)音乐/i.test(text)) {
      const volume = clamp01(Math.round((music.volume + 0.1) * 100) / 100);
      return { settings: { ...settings, music: { ...music, enabled: true, volume } }, change: `Music louder: ${percent(music.volume)} → ${percent(volume)}.` };
    }
    if (/\b(add|turn on|with|bring back)\b[^.,;]*\b(music|bgm)\b|(加|添加|打开)(背景)?音乐/i.test(text) && !music.enabled) {
      return { settings: { ...settings, music: { ...music, enabled: true } }, change: `Background music on at ${percent(music.volume)}.` };
    }
    return null;
  },
};

/** `title "Dear Mom"`, `title: Dear Mom`, `标题：…`; also the closing line the same way. */
function quotedField(text: string, keys: string): string | undefined {
  const m = new RegExp(`(?:${keys})\\s*(?:to|as|is|=|:|：)?\\s*["“「『']([^"”」』']+)["”」』']`, 'iu').exec(text)
    ?? new RegExp(`(?:${keys})\\s*(?::|：)\\s*([^\\n]+)$`, 'iu').exec(text);
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

export const EDIT_RULES: readonly EditRule[] = [aspectRule, musicRule, titleRule, closingRule];

export interface AppliedEdits {
  settings: LetterSettings;
  changes: string[];
}

export function applyInstruction(instruction: string, settings: LetterSettings, media: StoredMedia[], rules = EDIT_RULES): AppliedEdits {
  const changes: string[] = [];
  let current = settings;
  for (const rule of rules) {
    const result = rule.apply(instruction, current, media);
    if (result) {
      current = result.settings;
      changes.push(result.change);
    }
  }
  return { settings: current, changes };
}

export function editHelp(rules = EDIT_RULES): string {
  return rules.map((r) => `- ${r.help}`).join('\n');
}
