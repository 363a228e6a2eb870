import type { Reading, WishResult } from './outcome.js';

/**
 * What the person is told about each wish: what was done, or why nothing was and what to send
 * instead. Readings are given as operations ready to send back as generate_letter's `edits`.
 */
const quoted = (wish: string) => `"${wish}"`;
const readingsText = (readings: Reading[]) =>
  readings.map((r, i) => `(${i + 1}) ${r.say}: edits ${JSON.stringify(r.edits)}`).join('; ');

/** A sentence for a wish that changed nothing; undefined for one that did (its changes speak for it). */
export function wishNote(w: WishResult): string | undefined {
  switch (w.kind) {
    case 'edit':
      return undefined;
    case 'ambiguous':
      return `${quoted(w.wish)} could mean more than one thing, so nothing was changed for it. Send the one meant: ${readingsText(w.readings)}.`;
    case 'unclear':
      return `${quoted(w.wish)} was not understood, so nothing was changed for it.${w.why ? ` ${w.why}` : ''}${
        w.closest.length ? ` Closest edits: ${readingsText(w.closest)}.` : ''
      }`;
    case 'refused':
      return w.why;
    case 'remark':
      return w.why === 'question'
        ? 'That is a question, so nothing was changed (get_state shows the letter as it is).'
        : w.why === 'negation'
          ? 'Left as it is, as asked.'
          : w.why === 'letter'
            ? 'The letter is made from your photos, clips, message and voice.'
            : undefined;
  }
}

/**
 * The reply for an instruction: one line per wish when there were several (what each did, or why
 * it did nothing), else the changes themselves. `done` holds each edit wish's sentences, in order.
 */
export function wishesReply(wishes: WishResult[], done: string[][]): string {
  let next = 0;
  const lines = wishes.map((w) => {
    const said = w.kind === 'edit' ? (done[next++] ?? []).join(' ') : wishNote(w);
    return { w, said };
  });
  const spoken = lines.filter((l) => l.said);
  if (spoken.length <= 1) return spoken.map((l) => l.said).join('');
  return spoken.map((l) => `- ${quoted(l.w.wish)}: ${l.said}`).join('\n');
}
