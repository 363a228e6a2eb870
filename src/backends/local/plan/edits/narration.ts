import type { EditRule } from './rule.js';

export const NARRATION_ON =
  'The message will be read aloud by a synthesized voice, each line while its caption is on screen; the letter lengthens to fit, and the music dips under it.';
export const NARRATION_OFF = 'The message is no longer read aloud; a voice recording, if there is one, plays again.';

/** "read it aloud", "read my message out loud", "narrate it", "add narration", 朗读, 念出来, 读出来. */
const ASK =
  /\b(read|say|speak)\b[^.,;]*\b(aloud|out loud)\b|\bnarrat(e|e it|ion)\b|\btext[- ]to[- ]speech\b|\btts\b|朗读|念出来|读出来|念一遍|读一遍|配音/i;
/**
 * "don't read it aloud", "no narration", "stop narrating", "turn off the narration", 不要朗读,
 * 取消朗读: the refusal stands just before what it refuses, so "no music and read it aloud" still asks.
 */
const STOP = new RegExp(
  "\\b(?:no|without|stop|remove|drop|turn off|don'?t|do not|cancel)\\s+(?:(?!and\\b|but\\b|then\\b)\\w+\\s+){0,2}" +
    '(?:(?:read|reading|say|saying|speak|speaking)\\b[^.,;]*\\b(?:aloud|out loud)\\b|narrat\\w*|text[- ]to[- ]speech|tts\\b)' +
    '|(?:不要|取消|去掉|关掉|别)[^。，；]{0,3}(?:朗读|念|读出来|配音)',
  'i',
);

export const narrationRule: EditRule = {
  help: 'read aloud: "read my message aloud", "narrate it" / "朗读", "念出来"; "stop reading it aloud" / "不要朗读"',
  apply(text, settings) {
    const stop = STOP.test(text);
    if (!stop && !ASK.test(text)) return null;
    return { settings: { ...settings, narration: !stop }, change: stop ? NARRATION_OFF : NARRATION_ON };
  },
};
