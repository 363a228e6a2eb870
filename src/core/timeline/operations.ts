import { z } from 'zod';
import { CURATION_OPERATIONS } from './operations/curation.js';
import { FRAMING_OPERATIONS } from './operations/framing.js';
import { LOOK_OPERATIONS } from './operations/look.js';
import { MOMENT_OPERATIONS } from './operations/moments.js';
import { SOUND_OPERATIONS } from './operations/sound.js';
import { WORD_OPERATIONS } from './operations/words.js';

/**
 * The one edit vocabulary: every change a person can ask of a letter, as data. The plain-language
 * parser produces these, generate_letter accepts them as `edits`, the in-chat player's buttons
 * send them, and the cloud backend turns each into words for NemoVideo's agent. A list of them is
 * applied in order and atomically (all or none) as one undo step (see plan/operations.ts).
 *
 * Families: words (title, closing, message lines, captions), moments (order, length, turning,
 * clip trims and sound), framing (what a photo's crop keeps in view), sound (voice and music),
 * look (text looks, transitions, fades, theme, aspect, pace, length, colour style, text position)
 * and curation (which photos of a big folder play: bring back, use all, fit a length).
 */
export * from './operations/refs.js';
export * from './operations/words.js';
export * from './operations/moments.js';
export * from './operations/framing.js';
export * from './operations/sound.js';
export * from './operations/look.js';
export * from './operations/curation.js';

/**
 * Restores the letter from before the last generate_letter call that changed it. It stands alone:
 * in a list with other operations the whole list is refused.
 */
export const Undo = z.object({ op: z.literal('undo') });

export const EditOperation = z.discriminatedUnion('op', [
  ...WORD_OPERATIONS,
  ...MOMENT_OPERATIONS,
  ...FRAMING_OPERATIONS,
  ...SOUND_OPERATIONS,
  ...LOOK_OPERATIONS,
  ...CURATION_OPERATIONS,
  Undo,
]);
export type EditOperation = z.infer<typeof EditOperation>;
/** What a caller may write (defaults not yet filled in). */
export type EditOperationInput = z.input<typeof EditOperation>;
export type OperationName = EditOperation['op'];

/** Every operation name, for help texts and the cloud mapping's completeness test. */
export const OPERATION_NAMES: OperationName[] = EditOperation.options.map((o) => o.shape.op.value);
