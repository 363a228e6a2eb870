/**
 * What a free-form request asks for, read from its grammar rather than from any keyword in it.
 *
 * The request is cut into clauses ("make it vertical" | "send me the video"). A clause asks for an
 * export, a cancel, the credits, the state or an upload only when it is that request as a whole:
 * an imperative verb with the letter as its object ("render it", "send me the video", "cancel the
 * export"), or a question about it ("is it ready?"). Anything else that mentions a video, a
 * timeline or a render ("render the title in gold", "stop the music at the end of the video") is
 * an edit. A negated request ("don't export yet") asks for nothing. A request with no clear act
 * is an edit, which changes nothing it does not understand: ambiguity never cancels or exports.
 */
export type Intent = 'cancel' | 'export' | 'credits' | 'state' | 'upload' | 'edit';

export interface Step {
  intent: Intent;
  /** The words this step acts on: the instruction for an edit, the clause for the others. */
  text: string;
}

/** Clause kinds beyond the intents: a negated act, a remark ("here are the photos"), or words with no verb we know. */
type ClauseKind = Intent | 'negated' | 'remark' | 'unknown';
type Act = Exclude<Intent, 'edit'>;
const isAct = (kind: ClauseKind): kind is Act =>
  kind !== 'edit' && kind !== 'negated' && kind !== 'remark' && kind !== 'unknown';

interface Clause {
  kind: ClauseKind;
  /** Where the clause sits in the original request. */
  start: number;
  end: number;
}

/** Clause boundaries: punctuation, and conjunctions that start a new request. */
const BOUNDARY =
  /[,;!?，。；！？、]+|\.(?=\s|$)|\s+(?:and then|and also|and|then|also|but|after that|afterwards)\s+|然后|接着|并且|之后|再/gi;

/** Quoted words (a title, a closing) are the person's text, never a boundary between requests. */
const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』/g;

/** Politeness and framing around a request ("please", "can you", "请帮我", "…吧"), which do not change what it asks. */
const EN_PREFIX =
  /^(?:(?:please|pls|kindly|ok(?:ay)?|now|just|so|hey|hi|alright|can you|could you|would you|will you|can u|go ahead and|i want you to|i'd like you to|i would like you to|let's|lets)\s+)+/;
const EN_SUFFIX = /(?:\s+(?:please|now|right now|for me|thanks|thank you|asap|already))+$/;
const ZH_PREFIX = /^(?:请|麻烦你?|帮我|帮忙|给我|你|能不能|能否|可以|可不可以|现在|马上|就)+/;
const ZH_SUFFIX = /(?:吧|一下|呢|啊|呀|哦|了|谢谢|好吗|可以吗)+$/;

const LETTER = String.raw`(?:it|this|that|the (?:final |finished |whole )?(?:video|letter|mp4|movie|film|file|video letter|result)|my (?:video|letter|video letter))`;
const PREVIEW = String.raw`(?:a |the )?(?:preview|draft|final (?:one|version|cut))`;
/** What an export may name after its object: a quality and a format, "again", "to me" ("export 1080p MP4", "download it in 1080p"). */
const OUTPUT = String.raw`(?:1080p|720p|540p|full hd|hd|4k|mp4|preview|draft|(?:preview|high|full|final) quality)`;
const EXPORT_TAIL = String.raw`(?:\s+(?:(?:as|in) (?:an? )?)?${OUTPUT}(?: ${OUTPUT})*|\s+again|\s+to me)*`;
const ZH_OUTPUT = String.raw`(?:成|为)?(?:1080p|720p|540p|4k|高清|超清|全高清)?(?:的)?`;
const WORK = String.raw`(?:export(?:ing)?|render(?:ing)?|download(?:ing)?)(?: job)?`;

/** Each act as whole-clause patterns: the act's verb and its object, nothing left over. */
const ACTS: { kind: Act; patterns: RegExp[] }[] = [
  {
    kind: 'cancel',
    patterns: [
      new RegExp(
        String.raw`^(?:cancel|abort|stop|halt|kill)(?: the| this| that| my)?(?: current| running)?(?: (?:video|letter))? ${WORK}(?: of (?:the|my) (?:video|letter))?$`,
      ),
      new RegExp(String.raw`^(?:cancel|abort|stop|halt) (?:exporting|rendering|downloading)(?: ${LETTER})?$`),
      /^(?:取消|停止|停掉|中止|终止)(?:视频)?(?:的)?(?:导出|渲染|下载)$/,
      /^把(?:视频的?)?(?:导出|渲染)(?:取消|停止|停)掉?$/,
    ],
  },
  {
    kind: 'export',
    patterns: [
      new RegExp(String.raw`^(?:export|download|render)(?: ${LETTER}| ${PREVIEW})?${EXPORT_TAIL}$`),
      new RegExp(
        String.raw`^(?:send|give|email|mail|deliver) (?:me ${LETTER}|${LETTER}(?: to me)?|me ${PREVIEW})${EXPORT_TAIL}$`,
      ),
      new RegExp(
        String.raw`^(?:i (?:want|need|would like|'d like)(?: to (?:download|get|have|export))?|can i (?:have|get|download)|let me (?:download|have|see)) ${LETTER}$`,
      ),
      new RegExp(String.raw`^(?:导出|下载|渲染|输出)${ZH_OUTPUT}(?:视频|成片|mp4|最终版|成品|预览版?|一个预览版?)?$`),
      new RegExp(String.raw`^把(?:视频|它|成片|这个)(?:导出|下载|渲染)(?:出来|来|${ZH_OUTPUT}(?:mp4|视频)?)?$`),
      /^(?:把)?(?:视频|成片|它)(?:发|传)给我$/,
      /^(?:发给我|给我|我要)(?:视频|成片|mp4)$/,
    ],
  },
  {
    kind: 'credits',
    patterns: [
      /^(?:my |the )?(?:remaining )?(?:credits?|balance|credit balance)(?: left| remaining)?$/,
      /^how (?:many|much)(?: \w+)? (?:credits?|balance)(?: (?:do|have) i (?:have|got)(?: left)?| (?:are |is )?left| remaining| does it cost)?$/,
      /^(?:what(?:'s| is) )(?:my |the )(?:remaining )?(?:credits?|balance|credit balance)$/,
      /^(?:check|show|see|tell me)(?: me)? (?:my|the) (?:remaining )?(?:credits?|balance|credit balance)$/,
      /^do i have (?:enough |any )?credits?(?: left)?$/,
      /^(?:查(?:询|看|一下)?|看(?:看|一下)?)?(?:我的|我还有|还有|还剩)?(?:多少)?(?:积分|余额)(?:还有|还剩|剩)?(?:多少个?)?$/,
    ],
  },
  {
    kind: 'state',
    patterns: [
      /^(?:the )?(?:status|state|progress)$/,
      /^(?:show|see|view|display|check|open)(?: me)?(?: the| my)? (?:status|state|tracks|timeline|storyboard|contact sheet|progress|letter so far|video so far)$/,
      /^(?:is|are) (?:it|the (?:video|letter|export|render|mp4)) (?:ready|done|finished|complete)(?: yet)?$/,
      /^(?:ready|done|finished) yet$/,
      /^(?:how(?:'s| is) (?:it|the (?:export|render|video)) going|how far along is it|where are we|what(?:'s| is) the (?:status|state|progress)(?: of (?:the|my) (?:export|render|video|letter))?|what does (?:it|the (?:letter|video|timeline)) look like(?: so far)?)$/,
      /^(?:现在的?|当前的?)?(?:状态|进度)$/,
      /^(?:导出|渲染|视频)(?:的)?进度$/,
      /^(?:视频|导出|渲染|它)?(?:好了|完成了|做好了|导出好了|渲染好了|导出完了|渲染完了|好|完成)(?:吗|没有?)$/,
      /^(?:看看|看一下|查看|显示|给我看看?)(?:现在的|一下)?(?:状态|进度|分镜|故事板|时间线|轨道)$/,
    ],
  },
  {
    kind: 'upload',
    patterns: [
      /^(?:upload|attach)(?: (?:these|this|those|them|the attached|my|the))?(?: (?:photos?|pictures?|files?|clips?|videos?|images?|recordings?))?$/,
      /^上传(?:这些|这张|这个|一下)?(?:照片|图片|文件|视频|录音)?$/,
    ],
  },
];

/** Words that start a request (English) or mark one anywhere in a clause (Chinese) as an act, so "not" them is a negated act. */
const NEGATION = /^(?:don'?t|do not|never|no need to|not yet|we don'?t need to|you don'?t need to)\s+/;
const ZH_NEGATION = /^(?:先别|先不要|先不|别|不要|不用|暂时不要?|还不要|还不)/;

/** Verbs and markers that make a clause an edit of the letter. */
const EDIT_VERB =
  /^(?:make|change|put|move|set|turn|stop|start|begin|end|add|remove|delete|drop|swap|switch|use|fade|slow|speed|shorten|lengthen|trim|cut|crop|replace|reorder|mute|unmute|lower|raise|increase|decrease|reduce|boost|play|show|hide|title|sign|rename|write|let|keep|center|centre|align|rotate|flip|undo|go back|revert|shift|place|insert|include|skip|loop|extend|apply|colou?r|brighten|darken|balance|bring|render|give it|try|no|less|more)\b/;
const ZH_EDIT =
  /把|让|将|改|换|调|加|添|去掉|删|移|放|缩短|加长|变|设|停|静音|撤销|用|慢|快|大一?点|小一?点|竖屏|横屏|方形|黑白|复古|暖色/;

/** Statements about the attached files, which need no step of their own. */
const REMARK =
  /^(?:here(?:'s| is| are)|these are|this is|attached|i(?:'ve| have)? (?:attached|uploaded|added|included|sent)|thanks|thank you|hi|hello|hey)\b|^(?:这是|这些是|附件|谢谢|你好)/;

const CJK = /[\u3400-\u9fff]/;

function core(clause: string): string {
  const text = clause
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[“”"「」『』]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return CJK.test(text)
    ? text.replace(/\s+/g, '').replace(ZH_PREFIX, '').replace(ZH_SUFFIX, '')
    : text.replace(EN_PREFIX, '').replace(EN_SUFFIX, '');
}

function actOf(text: string): Act | undefined {
  return ACTS.find((act) => act.patterns.some((p) => p.test(text)))?.kind;
}

function classify(clause: string): ClauseKind {
  const text = core(clause);
  if (!text) return 'remark';
  const negated = text.replace(NEGATION, '').replace(ZH_NEGATION, '');
  if (negated !== text) return actOf(negated.replace(/\s+(?:just )?yet$/, '')) ? 'negated' : 'edit';
  const act = actOf(text);
  if (act) return act;
  if (EDIT_VERB.test(text) || (CJK.test(text) && ZH_EDIT.test(text))) return 'edit';
  if (REMARK.test(text)) return 'remark';
  return 'unknown';
}

function clausesOf(request: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = request.slice(start, end);
    if (raw.trim()) clauses.push({ kind: classify(raw), start, end });
  };
  const quoted = [...request.matchAll(QUOTED)].map((q) => [q.index, q.index + q[0].length] as const);
  for (const m of request.matchAll(BOUNDARY)) {
    if (quoted.some(([from, to]) => m.index > from && m.index < to)) continue;
    push(m.index);
    start = m.index + m[0].length;
  }
  push(request.length);
  return clauses;
}

/** The order steps run in: files first, then stopping a render, then edits, then the export, then answers. */
const ORDER: Intent[] = ['upload', 'cancel', 'edit', 'export', 'credits', 'state'];

/**
 * The steps a request asks for, in the order they should run. Attached files are always stored
 * first. An edit's instruction is the request without the clauses that asked for something else;
 * words after an edit that have no verb of their own ("make it vertical and the music quieter")
 * belong to it.
 */
export function routeRequest(request: string, hasAttachments: boolean): Step[] {
  const clauses = clausesOf(request);
  const steps: Step[] = [];
  const add = (intent: Intent, text: string) => {
    if (!steps.some((s) => s.intent === intent)) steps.push({ intent, text: text.trim() });
  };
  if (hasAttachments) add('upload', request);

  if (!clauses.some((c) => isAct(c.kind))) {
    // Only edits, remarks or words we do not know: the request is the edit, less what it said not to
    // do. With files and no edit verb ("here are the photos") it was only about the files.
    if (hasAttachments && !clauses.some((c) => c.kind === 'edit')) return steps;
    const kept = clauses.filter((c) => c.kind !== 'negated');
    add(
      'edit',
      kept.length > 0 && kept.length < clauses.length ? request.slice(kept[0]!.start, kept.at(-1)!.end) : request,
    );
    return steps;
  }

  // Edits as spans of the request, so the words joining a continuation ("photos 1 and 2") stay in.
  const edits: { start: number; end: number }[] = [];
  let inEdit = false;
  for (const c of clauses) {
    if (c.kind === 'edit' || (inEdit && c.kind === 'unknown')) {
      if (inEdit) edits.at(-1)!.end = c.end;
      else edits.push({ start: c.start, end: c.end });
      inEdit = true;
      continue;
    }
    inEdit = false;
    if (isAct(c.kind)) add(c.kind, request.slice(c.start, c.end));
  }
  if (edits.length > 0) add('edit', edits.map((e) => request.slice(e.start, e.end).trim()).join(', '));
  return ORDER.flatMap((intent) => steps.filter((s) => s.intent === intent));
}
