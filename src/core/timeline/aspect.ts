import type { Aspect } from './model.js';

const ASPECT_WORDS: Record<Aspect, string> = { '16:9': 'landscape', '9:16': 'vertical', '1:1': 'square' };

/** "9:16 (vertical)": an aspect as replies name it and as the cloud editor is asked for it. */
export function aspectInWords(aspect: Aspect): string {
  return `${aspect} (${ASPECT_WORDS[aspect]})`;
}
