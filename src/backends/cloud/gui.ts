/**
 * NemoVideo's agent talks as if the person sat in front of its web editor ("click Export", "open
 * the media panel", "drag the photo…"). Here there is no GUI, so each such sentence is replaced by
 * what this server does instead, per the spec's table:
 *   click [button] / 点击      → something we do through the API: offer to do it
 *   open [panel] / 打开        → we query the session state (the summary is shown)
 *   drag/drop / 拖拽           → an edit sent in words through the chat
 *   preview in timeline        → the track summary is shown
 *   Export button / 导出       → the export workflow (export_video)
 * Pure: the caller decides how to act on the returned actions.
 */
export type GuiAction = 'export' | 'state' | 'edit' | 'summary';

export interface TranslatedReply {
  text: string;
  actions: GuiAction[];
}

interface Rule {
  action: GuiAction;
  test: RegExp;
  /** The replacement sentence; empty when the caller's summary takes its place. */
  replace: (sentence: string) => string;
}

const RULES: Rule[] = [
  {
    action: 'export',
    test: /export\s+button|(click|press|tap|hit|use)\s+(on\s+)?(the\s+)?["“'[]?export|导出/i,
    replace: () => 'When you are happy with it, ask me to export and I will render the MP4.',
  },
  {
    action: 'summary',
    test: /preview\b.*\b(timeline|player|preview (panel|window))|timeline preview|预览/i,
    replace: () => '',
  },
  {
    action: 'state',
    test: /\bopen\s+(the\s+|your\s+)?[\w\s"'“”[\]-]{0,40}?\b(panel|tab|menu|window|library|sidebar|settings|editor)\b|打开/i,
    replace: () => '',
  },
  {
    action: 'edit',
    test: /\bdrag\b|\bdrop\b|\bdragging\b|拖拽|拖动/i,
    replace: () => 'Tell me in words what to move and where, and I will make that edit.',
  },
  {
    action: 'edit',
    test: /\b(click|press|tap)\b|点击/i,
    replace: (s) => {
      const label = buttonLabel(s);
      return label ? `I can do "${label}" for you: just ask.` : 'Tell me what you would like changed and I will do it for you.';
    },
  },
];

function buttonLabel(sentence: string): string | undefined {
  const quoted = /[[“"'「]([^\]”"'」]{1,40})[\]”"'」]/.exec(sentence);
  if (quoted?.[1]) return quoted[1].trim();
  const named = /\b(?:click|press|tap)\s+(?:on\s+)?(?:the\s+)?([\w ]{1,30}?)\s+button\b/i.exec(sentence);
  return named?.[1]?.trim();
}

/** Splits after sentence ends (. ! ? and their full-width forms) and at line breaks. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n+/).filter((s) => s.trim().length > 0);
}

export function translateGuiReply(text: string): TranslatedReply {
  const actions = new Set<GuiAction>();
  const out: string[] = [];
  for (const sentence of sentences(text)) {
    const rule = RULES.find((r) => r.test.test(sentence));
    if (!rule) {
      out.push(sentence.trim());
      continue;
    }
    actions.add(rule.action);
    const replacement = rule.replace(sentence);
    if (replacement && !out.includes(replacement)) out.push(replacement);
  }
  return { text: out.join(' '), actions: [...actions] };
}
