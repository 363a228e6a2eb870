import { routeRequest, type Intent } from '../../../core/intent/route.js';
import { instructionIn, type GuiVerb } from './gui-mood.js';

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
 * Only instructions about the letter now are acted on; tips, possibilities, conditions and the
 * future ("Tip: you can drag photos to reorder them", "视频导出后可以发给家人") are shown as they
 * are (gui-mood.ts decides which is which). Pure: it only reads the reply; the caller acts.
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

/** A button does what its label says; the same keyword routing as a person's own request. */
function clickAction(sentence: string): GuiAction | undefined {
  const button = buttonLabel(sentence);
  if (!button || /^(?:here|there|this|it)$/i.test(button.label)) return { kind: 'state' };
  // A button that only confirms, saves or shares changes nothing we could do for the person.
  if (UI_ONLY.test(button.label)) return undefined;
  // A button's label is read as the person's own request; when it names several acts, the first counts.
  const intent: Intent = routeRequest(button.label, false)[0]?.intent ?? 'edit';
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
      // Only a label named as a button ([Vertical], 「竖屏」按钮) is an edit to send; a bare word
      // after "select" ("Select music to…") is too loose to spend a credit on.
      return button.named ? { kind: 'edit', instruction: button.label } : undefined;
  }
}

/** The button an instruction names: quoted or called a button (named), else the one word after the verb. */
function buttonLabel(words: string): { label: string; named: boolean } | undefined {
  const quoted = /[[“"'「『]([^\]”"'」』]{1,40})[\]”"'」』]/.exec(words);
  const called =
    /^\S+(?:\s+on)?\s+(?:the\s+)?([\w ]{1,30}?)\s+(?:button|tab|icon)\b/i.exec(words) ??
    /^(?:点击|单击|点一下|按下|点选|选择)\s*([\p{Script=Han}\w]{1,12}?)\s*(?:按钮|按键|键)/u.exec(words);
  const named = (quoted ?? called)?.[1]?.trim();
  if (named) return { label: named, named: true };
  const word = /^\S+(?:\s+on)?\s+(?:the\s+)?(\w+)(?:\s+(?:to|and|for|so)\b|[.!]?$)/i.exec(words)?.[1];
  return word ? { label: word, named: false } : undefined;
}

/**
 * "You can drag the sunset photo to the start." → "Move the sunset photo to the start.";
 * "你可以把日落照片拖拽到开头。" → "把日落照片移动到开头。": the move as the person would ask for it.
 */
export function moveInWords(sentence: string): string {
  const english = sentence
    .trim()
    .replace(/^(simply|just|then|now|please)\s+/i, '')
    .replace(/\b(drag(ging)?\s+and\s+drop(ping)?|drag(ging)?|drop(ping)?)\b/gi, 'move');
  const chinese = english.replace(/^(你可以|您可以|可以|请|只需|然后)/, '').replace(/拖拽|拖动|拖放/g, '移动');
  return chinese.charAt(0).toUpperCase() + chinese.slice(1);
}

/** Splits after sentence ends (. ! ? and their full-width forms) and at line breaks. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n+/).filter((s) => s.trim().length > 0);
}

export function translateGuiReply(reply: string): TranslatedReply {
  const actions: GuiAction[] = [];
  const kept: string[] = [];
  for (const sentence of sentences(reply)) {
    const instruction = instructionIn(sentence.trim());
    const action = instruction && ACTIONS[instruction.verb](instruction.words);
    if (!action) kept.push(sentence.trim());
    else addAction(actions, action);
  }
  // Chinese sentences follow each other without a space; others with one.
  const text = kept.reduce((all, next) => (!all ? next : /[。！？]$/.test(all) ? all + next : `${all} ${next}`), '');
  return { text, actions };
}

/** What each GUI verb asks for, given the instruction's words from the verb on. */
const ACTIONS: Record<GuiVerb, (words: string) => GuiAction | undefined> = {
  click: clickAction,
  open: () => ({ kind: 'state' }),
  drag: (words) => ({ kind: 'edit', instruction: moveInWords(words) }),
  preview: () => ({ kind: 'summary' }),
  export: () => ({ kind: 'export' }),
};

/** Buttons of NemoVideo's app that only confirm, save, share or sign in: nothing to do here. */
const UI_ONLY =
  /^(?:ok|okay|save|apply|confirm|done|continue|next|close|cancel|share|publish|post|sign in|log in|sign up|register|upgrade|subscribe|保存|应用|确定|确认|完成|继续|下一步|关闭|取消|分享|发布|登录|注册|升级|订阅)$/i;

/** One action of each kind; several edits become one message with a line each. */
function addAction(actions: GuiAction[], action: GuiAction): void {
  const same = actions.find((a) => a.kind === action.kind);
  if (!same) actions.push(action);
  else if (same.kind === 'edit' && action.kind === 'edit' && !same.instruction.split('\n').includes(action.instruction))
    same.instruction += `\n${action.instruction}`;
}
