/**
 * A written letter opens with a salutation ("Dear Grandma,", "Hi Mum", "亲爱的奶奶：") and ends with
 * a sign-off ("With all my love, / Lena", "爱你的 莉娜"). Shown as captions they read like stray
 * lines; a person expects them on the title and closing cards. So when a message arrives and the
 * person gave no title (or closing) of their own, the salutation becomes the title and the sign-off
 * the closing, and both leave the message. Only the first line can be a salutation and only the
 * last one or two lines a sign-off, so a "Love you!" in the middle of a letter stays a line of it.
 */

/** A line with nothing but emoji (and spaces): it belongs to the line before it, never alone on screen. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Emoji_Component}|\u200d|\ufe0f|\s|<3)+$/u;
export const isEmojiOnly = (line: string) => /\S/.test(line) && !/^[\d#*\s]+$/.test(line) && EMOJI_ONLY.test(line);

const NAME = String.raw`[\p{L}\p{M}'’.\- ]{1,40}`;
/** "Dear Grandma,", "Dearest Mum", "My dear Anna", "To my darling Tom", "Hi Mum", "Hello everyone!". */
const EN_SALUTATION = new RegExp(
  String.raw`^(?:(?:to )?(?:my )?(?:dear(?:est)?|darling|beloved)|hi|hello|hey|hiya|greetings)\s+(?!me\b)(?:${NAME}?)(?=[,:!]|$)`,
  'iu',
);
/** "亲爱的奶奶：", "敬爱的爷爷", "奶奶，您好", "奶奶您好！", "嗨，妈妈". */
const ZH_SALUTATION =
  /^(?:(?:亲爱的|敬爱的|最亲爱的|我亲爱的|致)[^，。！？：,.!?:\s]{1,12}|[^，。！？：,.!?:\s]{1,8}[，,]?\s*(?:您好|你好)|(?:嗨|哈喽|你好)[，,]?\s*[^，。！？：,.!?:\s]{1,8})(?=[，。！：,.!:]|$)/u;

/** Sign-off phrases, with the names after them on the same line ("Love, Anna, Tom and the kids") or on the next. */
const EN_SIGN_OFF = new RegExp(
  String.raw`^(?:(?:with )?(?:all (?:of )?)?(?:my |our )?(?:love|lots of love|much love|loads of love|love always|love you(?: (?:lots|so much|always))?|warm(?:est)? (?:wishes|regards)|best(?: wishes)?|kind regards|regards|hugs(?: and kisses)?|xoxo|xo|cheers|yours(?: truly| always| forever| sincerely)?|sincerely|warmly|fondly|forever yours|missing you)(?:\s+(?:always|forever))?|your (?:loving |devoted |favourite |favorite )?[\p{L}'’ -]{1,30})(?:\s*[,!]\s*[^.?。？]*|\s+from\s+[^.?!。？！]+|\s*[!.]?)$`,
  'iu',
);
/** "— Lena", "- Anna & Tom". */
const DASH_NAME = new RegExp(String.raw`^[—–-]+\s*(${NAME})$`, 'u');
/** "爱你的 莉娜", "想你的莉娜", "你的孙女 莉娜", "孙女 莉娜 敬上", "莉娜 敬上", "此致敬礼". */
const ZH_SIGN_OFF =
  /^(?:(?:永远)?(?:爱你的|爱您的|想你的|想您的|你的|您的)\s*[^，。！？,.!?]{0,12}|[^，。！？,.!?]{1,16}?\s*(?:敬上|谨上|拜上|留)|此致\s*敬礼)[。！!]?$/u;

export interface MessageFrame {
  /** The opening line as a title ("Dear Grandma"), when the message has one. */
  salutation?: string;
  /** The message without its salutation and sign-off. */
  body: string;
  /** The closing words, one line or two ("With all my love,\nLena"). */
  signOff?: string;
}

/** Lines of the message, an emoji-only line joined to the one before it. */
export function messageLinesOf(message: string): string[] {
  const lines: string[] = [];
  for (const raw of message.replace(/\r/g, '').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (isEmojiOnly(line) && lines.length > 0) lines[lines.length - 1] = `${lines.at(-1)} ${line}`;
    else lines.push(line);
  }
  return lines;
}

const trimPunctuation = (s: string) => s.replace(/[\s,:;，：；、]+$/u, '').trim();
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const wordsIn = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The salutation at the start of the first line, and what follows it on that line. */
function salutationOf(first: string): { salutation: string; rest: string } | undefined {
  const m = EN_SALUTATION.exec(first) ?? ZH_SALUTATION.exec(first);
  if (!m) return undefined;
  const salutation = trimPunctuation(m[0]);
  // "Hello everyone, I hope you are well" keeps the rest; a long "Dear …" sentence is no salutation.
  if (wordsIn(salutation) > 6) return undefined;
  const rest = first
    .slice(m[0].length)
    .replace(/^[\s,:，：]+/u, '')
    .trim();
  const exclaimed = /^[!！]/.test(rest);
  return {
    salutation: exclaimed ? `${salutation}${rest[0]}` : salutation,
    rest: capitalised((exclaimed ? rest.slice(1) : rest).trim()),
  };
}

const signOffLine = (line: string) =>
  wordsIn(line) <= 8 && (EN_SIGN_OFF.test(line) || ZH_SIGN_OFF.test(line) || DASH_NAME.test(line));
/** A sign-off phrase with no name yet ("With all my love,"), so the next line is the name. */
const openSignOff = (line: string) =>
  /[,，]$/.test(line) || /^(?:love|yours|xoxo|(?:永远)?(?:爱你的|爱您的|想你的|想您的|你的|您的))$/iu.test(line);
const nameLine = (line: string) => wordsIn(line) <= 6 && !/[.?!。？！]$/u.test(line) && !/[,，]$/.test(line);

/** The last line or two when they sign the letter off, always leaving at least one line of message. */
function signOffOf(lines: string[]): string[] | undefined {
  const [before, last] = lines.slice(-2);
  if (before === undefined || last === undefined) return undefined;
  if (lines.length > 2 && openSignOff(before) && signOffLine(before) && nameLine(last)) return [before, last];
  return signOffLine(last) ? [last] : undefined;
}

/**
 * Splits a message into its salutation, body and sign-off; `wanted` says which cards the person
 * left empty (a salutation stays a line of the message when the person gave a title of their own).
 * Pure; never loses a word; a message with neither comes back as it was.
 */
export function frameMessage(message: string, wanted = { title: true, closing: true }): MessageFrame {
  const lines = messageLinesOf(message);
  if (lines.length < 2) return { body: message };
  const frame: MessageFrame = { body: message };
  const opening = wanted.title ? salutationOf(lines[0]!) : undefined;
  if (opening) {
    frame.salutation = opening.salutation;
    if (opening.rest) lines[0] = opening.rest;
    else lines.shift();
  }
  const signOff = wanted.closing ? signOffOf(lines) : undefined;
  if (signOff) {
    frame.signOff = signOff.join('\n');
    lines.splice(-signOff.length);
  }
  if (frame.salutation || frame.signOff) frame.body = lines.join('\n');
  return frame;
}

/**
 * A new message on the letter, its salutation and sign-off on the title and closing cards when the
 * letter has none and none is being given (`given`). Says what it did in one sentence.
 */
export function withMessage<T extends { message: string; title: string; closing: string }>(
  letter: T,
  message: string,
  given: { title?: string | undefined; closing?: string | undefined } = {},
): { letter: T; note?: string } {
  const frame = frameMessage(message.trim(), {
    title: !letter.title && !given.title,
    closing: !letter.closing && !given.closing,
  });
  const next = {
    ...letter,
    message: frame.body,
    ...(frame.salutation && { title: frame.salutation }),
    ...(frame.signOff && { closing: frame.signOff }),
  };
  const cards = [
    frame.salutation && `"${frame.salutation}" is the title card`,
    frame.signOff && `"${frame.signOff.replace(/\n/g, ' ')}" the closing card`,
  ].filter(Boolean);
  return cards.length
    ? { letter: next, note: `Its opening and closing words are on cards: ${cards.join(', ')}.` }
    : { letter: next };
}
