import type { EditOperation, OperationName } from '../../../core/timeline/operations.js';
import type { Timeline } from '../../../core/timeline/model.js';
import { CURATION } from './operations/curation.js';
import { FRAMING } from './operations/framing.js';
import { LOOK } from './operations/look.js';
import { MOMENTS } from './operations/moments.js';
import { Resolver, type Entry, type Scene, type Table, type Words } from './operations/shared.js';
import { SOUND } from './operations/sound.js';
import { WORDS } from './operations/words.js';

export type { Scene, Words } from './operations/shared.js';

/**
 * The edit vocabulary in the words NemoVideo's agent understands, one entry per operation, in
 * families like the vocabulary itself (./operations/). The agent edits only from plain language
 * (the seed routes every edit through its chat) and its timeline records only tracks, segments,
 * texts, volumes and the aspect. So each operation is one plain sentence, in English or Chinese,
 * checked afterwards in the timeline where the timeline can show it. What the agent has no control
 * for (an exact focus point, a rotation, this server's own fonts, an exact colour, an undo) is refused in
 * a sentence before anything is sent. The table is written down in docs/cloud.md.
 */
const OPERATIONS: Table = {
  ...WORDS,
  ...MOMENTS,
  ...FRAMING,
  ...SOUND,
  ...LOOK,
  ...CURATION,
  undo: {
    refused:
      'NemoVideo keeps no earlier versions of a letter this server could go back to; say what to change back instead',
  },
};

/** One operation, ready to send: its words, and its check against the timeline afterwards. */
export interface Expressed {
  op: EditOperation;
  words: Words;
  check: (after: Timeline) => boolean | undefined;
}

/**
 * The list in NemoVideo's words, all or none: the refusals (one sentence per operation that cannot
 * be said, naming it) when any operation cannot be expressed, else every operation expressed.
 */
export function expressEdits(
  ops: EditOperation[],
  scene: Scene,
): { ok: true; edits: Expressed[] } | { ok: false; refusals: string[] } {
  const refusals: string[] = [];
  const edits: Expressed[] = [];
  ops.forEach((op, i) => {
    const entry = OPERATIONS[op.op] as Entry<EditOperation>;
    const label = `"${op.op}" (edit ${i + 1})`;
    if ('refused' in entry) return void refusals.push(`${label}: ${entry.refused}.`);
    const r = new Resolver(scene);
    const words = entry.words(op, r);
    if (r.problems.length > 0) return void refusals.push(`${label}: ${r.problems.join(' ')}`);
    const test = entry.check;
    edits.push({ op, words, check: (after) => test?.(op, r, after, scene.before) });
  });
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, edits };
}

/** Whether NemoVideo can be asked for this operation at all (for docs and tests). */
export function refusedReason(name: OperationName): string | undefined {
  const entry = OPERATIONS[name];
  return 'refused' in entry ? entry.refused : undefined;
}

/** Several operations' words for one chat message, a sentence a line, in the session's language. */
export function editLines(edits: Expressed[], language: string | undefined): string[] {
  const lang = language === 'zh' ? 'zh' : 'en';
  return edits.map((e) => e.words[lang]);
}
