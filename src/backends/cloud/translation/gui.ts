import { routeRequest, type Intent } from '../../../intent/route.js';

/**
 * NemoVideo's agent talks as if the person sat in front of its web editor ("click Export", "open
 * the timeline", "drag the photo…"). Here there is no GUI, so each such sentence becomes the API
 * action the spec's table names, which the caller performs and whose result it shows instead:
 *   click [button] / 点击      → the button's own action: export, credits, state, or an edit
 *                                 (the button's label sent to the agent, as the person would say it)
 *   open [panel] / 打开        → query the session state and show it
 *   drag/drop / 拖拽           → the move, worded as an edit and sent through the chat
 *   preview in timeline        → show the track summary
 *   Export button / 导出       → the export workflow
 * Pure: it only reads the reply; the caller acts.
 */
export type GuiAction =
  | { kind: 'export' }
  | { kind: 'state' }
  | { kind: 'summary' }
  | { kind: 'credits' }
  | { kind: 'upload' }
  | { kind: 'edit'; instruction: string };

export interface TranslatedReply {
  /** The agent's words without the GUI sentences (their actions speak for them). */
  text: string;
  actions: GuiAction[];
}

interface Rule {
  test: RegExp;
  action: (sentence: string) => GuiAction;
}

const EXPORT_WORDS =
  /export\s+button|\b(click|press|tap|hit|use|select)\s+(on\s+)?(the\s+)?["“'[「]?(export|download)\b|导出/i;
const PREVIEW = /preview\b.*\b(timeline|player|preview (panel|window))|timeline preview|预览/i;
const OPEN =
  /\bopen\s+(up\s+)?(the\s+|your\s+)?[\w\s"'“”[\]-]{0,40}?\b(panel|tab|menu|window|library|sidebar|settings|editor|timeline|tracks?|project|media|storyboard)\b|打开/i;
// "drop" alone is too common ("the music drops softly"): only dropping something somewhere counts.
const DRAG =
  /\bdrag(ging)?\b|\bdrop(ping)?\s+(it|them|(the|your|this|that)\s+[^\s,;]+(\s+[^\s,;]+)?)\s+(in|into|onto|on|to|at)\b|拖拽|拖动|拖放/i;
const CLICK = /\b(click|press|tap)\b|点击|单击|点一下/i;

const RULES: Rule[] = [
  { test: EXPORT_WORDS, action: () => ({ kind: 'export' }) },
  { test: PREVIEW, action: () => ({ kind: 'summary' }) },
  { test: OPEN, action: () => ({ kind: 'state' }) },
  { test: DRAG, action: (s) => ({ kind: 'edit', instruction: moveInWords(s) }) },
  { test: CLICK, action: clickAction },
];

/** A button does what its label says; the same keyword routing as a person's own request. */
function clickAction(sentence: string): GuiAction {
  const label = buttonLabel(sentence);
  if (!label) return { kind: 'state' };
  // A button's label is read as the person's own request; when it names several acts, the first counts.
  const intent: Intent = routeRequest(label, false)[0]?.intent ?? 'edit';
  switch (intent) {
    case 'export':
      return { kind: 'export' };
    case 'credits':
      return { kind: 'credits' };
    case 'upload':
      return { kind: 'upload' };
    case 'state':
    case 'cancel':
      return { kind: 'state' };
    case 'edit':
      return { kind: 'edit', instruction: label };
  }
}

function buttonLabel(sentence: string): string | undefined {
  const quoted = /[[“"'「『]([^\]”"'」』]{1,40})[\]”"'」』]/.exec(sentence);
  if (quoted?.[1]) return quoted[1].trim();
  const named = /\b(?:click|press|tap)\s+(?:on\s+)?(?:the\s+)?([\w ]{1,30}?)\s+button\b/i.exec(sentence);
  if (named?.[1]) return named[1].trim();
  const chinese = /(?:点击|单击)\s*([\p{Script=Han}\w]{1,12}?)\s*(?:按钮|按键|键)/u.exec(sentence);
  return chinese?.[1]?.trim();
}

/**
 * "You can drag the sunset photo to the start." → "Move the sunset photo to the start.";
 * "你可以把日落照片拖拽到开头。" → "把日落照片移动到开头。": the move as the person would ask for it.
 */
export function moveInWords(sentence: string): string {
  const english = sentence
    .trim()
    .replace(/^(you can|you could|simply|just|then|now|please)\s+/i, '')
    .replace(/\b(drag(ging)?\s+and\s+drop(ping)?|drag(ging)?|drop(ping)?)\b/gi, 'move');
  const chinese = english.replace(/^(你可以|您可以|可以|请|只需|然后)/, '').replace(/拖拽|拖动|拖放/g, '移动');
  return chinese.charAt(0).toUpperCase() + chinese.slice(1);
}

/** Splits after sentence ends (. ! ? and their full-width forms) and at line breaks. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n+/).filter((s) => s.trim().length > 0);
}

export function translateGuiReply(text: string): TranslatedReply {
  const actions: GuiAction[] = [];
  const kept: string[] = [];
  for (const sentence of sentences(text)) {
    const rule = RULES.find((r) => r.test.test(sentence));
    if (!rule) kept.push(sentence.trim());
    else addAction(actions, rule.action(sentence));
  }
  return { text: kept.join(' '), actions };
}

/** One action of each kind; several edits become one message with a line each. */
function addAction(actions: GuiAction[], action: GuiAction): void {
  const same = actions.find((a) => a.kind === action.kind);
  if (!same) actions.push(action);
  else if (same.kind === 'edit' && action.kind === 'edit' && !same.instruction.split('\n').includes(action.instruction))
    same.instruction += `\n${action.instruction}`;
}
