/**
 * The language of the person's own words, for the NemoVideo session (its agent answers in it).
 * Only scripts say something for sure: kana is Japanese, hangul Korean, other Han characters
 * Chinese; Latin letters are read as English (the one Latin-script language the spec names).
 * Undefined when there are no letters at all. The machine's locale is never used: the person
 * talking to the assistant is not necessarily the machine's owner (a hosted server).
 */
export function languageOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (/[\u3040-\u30ff]/.test(text)) return 'ja';
  if (/[\uac00-\ud7af\u1100-\u11ff]/.test(text)) return 'ko';
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/\p{L}/u.test(text)) return 'en';
  return undefined;
}

/** When nothing the person wrote tells: English, the seed's own language. */
export const DEFAULT_LANGUAGE = 'en';
