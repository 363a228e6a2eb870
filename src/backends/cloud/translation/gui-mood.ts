/**
 * Whether a sentence of NemoVideo's agent tells its GUI user to do something now, about this
 * letter, or only says something they could do (a tip, a possibility, a condition, the future).
 * Only the first kind is ever acted on (see gui.ts): acting on "Tip: you can drag photos to
 * reorder them" or "视频导出后可以发给家人" would spend credits on edits and renders nobody asked for.
 *
 * The reading is deliberately plain, in two steps a person can check by eye:
 *  1. a sentence with a hint marker (the word lists below) is a hint, wherever the marker sits;
 *  2. otherwise it is an instruction when one of its clauses starts with a GUI verb (after
 *     fillers like "now", "please", 请, 然后): "Click Export", "Now, open the timeline",
 *     "点击导出按钮下载".
 * When in doubt a sentence is a hint: showing it costs nothing, acting on it may cost credits.
 */

/** Words that make a whole sentence a hint, in English (matched as words) and Chinese (matched as written). */
const HINT_MARKERS = {
  /** "Tip: …", "Note: …", 提示：… */
  label: {
    en: ['tip', 'tips', 'pro tip', 'hint', 'note', 'ps', 'fyi', 'by the way', 'remember', 'optionally'],
    zh: ['提示', '小贴士', '小技巧', '温馨提示', '注意', '备注', '建议', '顺便'],
  },
  /** Something possible, not asked: "you can drag…", 可以… */
  possibility: {
    en: ['you can', 'you could', 'you may', 'you might', 'can also', 'feel free', 'are able to', 'is possible'],
    zh: ['可以', '能够', '也能', '不妨', '随时'],
  },
  /** A condition or a moment other than now: "if you like…", "once it is exported…", 导出后… */
  condition: {
    en: ['if', 'once', 'when', 'whenever', 'unless', 'in case', 'after you', 'after it', 'after that', 'before you'],
    zh: [
      '如果',
      '若',
      '要是',
      '假如',
      '一旦',
      '的话',
      '的时候',
      '之后',
      '以后',
      '后可',
      '后就',
      '后再',
      '完成后',
      '导出后',
    ],
  },
  /** The future: "you will be able to…", 视频会… */
  future: {
    en: ['will', "'ll", 'going to', 'later', 'next time', 'afterwards', 'eventually', 'someday'],
    // Not 将 alone: "将照片拖到开头" is the formal "把", an instruction.
    zh: ['将会', '会', '稍后', '下次', '以后'],
  },
} as const;

/** Words that may open an instruction without changing it ("Now, click…", "请点击…"). */
const FILLERS = {
  en: ['please', 'now', 'next', 'then', 'just', 'simply', 'finally', 'first', 'go ahead and', 'lastly', 'so'],
  zh: ['请', '现在', '接下来', '然后', '最后', '直接', '再', '先', '您', '你'],
};

/** The GUI verbs, each with what it means; "tap"-like gestures are missing on purpose (see below). */
export const GUI_VERBS = {
  click: {
    en: ['click on', 'click', 'press', 'hit', 'select', 'choose', 'use'],
    zh: ['点击', '单击', '点一下', '按下', '点选', '选择'],
  },
  open: { en: ['open up', 'open', 'go to', 'switch to'], zh: ['打开', '展开', '进入', '切换到'] },
  drag: { en: ['drag and drop', 'drag', 'drop', 'move'], zh: ['拖拽', '拖动', '拖放', '拖'] },
  preview: { en: ['preview', 'play', 'watch'], zh: ['预览', '播放'] },
  export: { en: ['export', 'download', 'render'], zh: ['导出', '下载', '渲染'] },
} as const;
export type GuiVerb = keyof typeof GUI_VERBS;
// "tap", "swipe", "pinch", "long-press" are touch gestures of NemoVideo's phone app: they describe
// how someone uses a screen we do not have ("tap a photo to see it full size") and never ask for
// a change of the letter, so they are never actions; the sentence is shown as it is.

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\']/g, (c) => (c === "'" ? "['’]" : `\\${c}`));
const words = (list: readonly string[]) => list.map(escape).join('|');

/** A marker is a whole word: "if" is not in "gif"; "'ll" follows its word ("you'll"). */
const wholeWord = (w: string) => (w.startsWith("'") ? escape(w) : String.raw`(?<![\p{L}])${escape(w)}`);
const EN_HINT = new RegExp(
  `(?:${Object.values(HINT_MARKERS)
    .flatMap((m) => m.en)
    .map(wholeWord)
    .join('|')})(?![\\p{L}])`,
  'iu',
);
const ZH_HINT = new RegExp(words(Object.values(HINT_MARKERS).flatMap((m) => m.zh)));
const EN_FILLERS = new RegExp(String.raw`^(?:(?:${words(FILLERS.en)})\b[\s,]*)+`, 'i');
const ZH_FILLERS = new RegExp(`^(?:${words(FILLERS.zh)})+`);
const ZH_OBJECT_FIRST = /^(?:把|将)/;

/** Clause breaks inside a sentence: an instruction may follow a lead-in ("All done, click Export"). */
const CLAUSE_BREAK = /[,;:，；：、]|\s[–—-]\s/;

export function isHint(sentence: string): boolean {
  return EN_HINT.test(sentence) || ZH_HINT.test(sentence);
}

/**
 * The instruction a sentence gives, if it gives one: the verb's meaning and the words from the
 * verb on ("click the Export button to download it"). Undefined for hints and for sentences
 * whose clauses do not start with a GUI verb.
 */
export function instructionIn(sentence: string): { verb: GuiVerb; words: string } | undefined {
  if (isHint(sentence)) return undefined;
  for (const raw of sentence.split(CLAUSE_BREAK)) {
    const clause = raw.trim().replace(EN_FILLERS, '').replace(ZH_FILLERS, '').trim();
    // Chinese puts the object first with 把/将 ("把照片拖拽到开头"): the verb follows it.
    const objectFirst = ZH_OBJECT_FIRST.test(clause);
    for (const [verb, forms] of Object.entries(GUI_VERBS) as [GuiVerb, (typeof GUI_VERBS)[GuiVerb]][]) {
      const english = forms.en.some((w) => new RegExp(`^${escape(w)}(?![\\p{L}])`, 'iu').test(clause));
      const chinese = forms.zh.some((w) => (objectFirst ? clause.includes(w) : clause.startsWith(w)));
      if (english || chinese) return { verb, words: clause };
    }
  }
  return undefined;
}
