/** Chinese, Japanese and Korean characters count one each: those scripts have no spaces between words. */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/gu;

/** The words of a text as compared for accuracy: lower case, without punctuation. */
export function comparableWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(CJK, (c) => ` ${c} `)
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

export interface WordErrors {
  /** Substitutions + deletions + insertions needed to turn what was heard into what was said. */
  errors: number;
  /** Words in the reference (what was really said). */
  words: number;
  /** errors / words: the word error rate (0 = perfect; can exceed 1 when much is inserted). */
  rate: number;
}

/** Pure: the word error rate of a transcript against what was really said (edit distance over words). */
export function wordErrorRate(said: string, heard: string): WordErrors {
  const ref = comparableWords(said);
  const hyp = comparableWords(heard);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const same = ref[i - 1] === hyp[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + same));
    }
    previous = row;
  }
  const errors = previous[hyp.length] as number;
  return { errors, words: ref.length, rate: ref.length ? errors / ref.length : hyp.length ? 1 : 0 };
}
