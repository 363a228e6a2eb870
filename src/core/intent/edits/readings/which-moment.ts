import type { EditOperationInput } from '../../../timeline/operations.js';
import type { Clause } from '../clause.js';
import { ambiguous, nameOf, reading, unclear, type Context, type Outcome } from '../outcome.js';

/** How one moment's reading is said, from its file name. */
type Say = (name: string) => string;

/** Each of these moments as one reading, to choose from: nothing changes until one is chosen. */
export const offerEach = (
  ctx: Context,
  ids: readonly string[],
  say: Say,
  make: (id: string) => EditOperationInput[],
): Outcome => ambiguous(...ids.map((id) => reading(say(nameOf(ctx.view, id)), ...make(id))));

/**
 * The moment a wish names, when it cannot be acted on: a position that is not there is said
 * ("The letter has 3 photos, so there is no photo 7."), and a name that fits several moments
 * offers each ("the beach photo" with beach-1.jpg and beach-2.jpg). Undefined when every moment
 * named was found. Every reader that acts on a named moment asks this first, so none guesses.
 */
export function unresolved(
  clause: Clause,
  ctx: Context,
  make: (id: string) => EditOperationInput[],
  say: Say = (name) => `"${name}"`,
): Outcome | undefined {
  const missing = clause.moments.find((m) => m.missing)?.missing;
  if (missing) return unclear(`${missing[0]!.toUpperCase()}${missing.slice(1)}.`);
  const several = clause.moments.find((m) => m.several)?.several;
  return several ? offerEach(ctx, several, say, make) : undefined;
}
