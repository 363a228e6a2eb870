/**
 * Keyword intent for a free-form request, as the NemoVideo service routes it: export, credits,
 * state and upload are answered directly; anything else is an edit of the letter. Stopping an
 * export is its own intent because it must never be mistaken for starting one.
 */
export type Intent = 'cancel' | 'export' | 'credits' | 'state' | 'upload' | 'edit';

const RULES: { intent: Exclude<Intent, 'edit' | 'upload'>; pattern: RegExp }[] = [
  { intent: 'cancel', pattern: /\b(cancel|stop|abort)\b[^.!?]*\b(export|render(ing)?|video)\b|取消(导出|渲染)|停止(导出|渲染)/i },
  { intent: 'export', pattern: /\b(export|download|render|send me the video|give me the (video|mp4|file))\b|导出|下载|渲染/i },
  { intent: 'credits', pattern: /\b(credits?|balance)\b|积分|余额/i },
  {
    intent: 'state',
    pattern: /\b(status|state|show (me )?(the )?tracks|timeline|storyboard|contact sheet|is it (ready|done|finished)|ready yet|done yet)\b|状态|进度|好了吗|好了没|完成了吗|分镜|故事板/i,
  },
];
const UPLOAD = /\b(upload|attach(ed|ment)?s?)\b|上传/i;

export function routeIntent(request: string, hasAttachments: boolean): Intent {
  for (const rule of RULES) if (rule.pattern.test(request)) return rule.intent;
  if (hasAttachments || UPLOAD.test(request)) return 'upload';
  return 'edit';
}
