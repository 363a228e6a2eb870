import { z } from 'zod';

/** What every tool answers when it fails: a sentence a person can act on, and a code to branch on. */
export const Failure = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

type Outcome = z.ZodObject;
type Json = Record<string, unknown>;

const toJson = (schema: z.ZodType): Json => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'output', target: 'draft-7' }) as Json;
  return json;
};

/** One field seen by several outcomes: the same schema, or (a discriminator such as `status`) all their words. */
function mergedField(schemas: z.ZodType[]): z.ZodType {
  const byJson = new Map(schemas.map((s) => [JSON.stringify(toJson(s)), s]));
  const distinct = [...byJson.values()];
  if (distinct.length === 1) return distinct[0]!;
  const words = distinct
    .map((s) => (s instanceof z.ZodOptional ? s.unwrap() : s))
    .flatMap((s) => (s instanceof z.ZodLiteral ? [...s.values] : s instanceof z.ZodEnum ? s.options : [undefined]));
  const described = distinct.find((s) => s.description)?.description;
  const merged = words.every((w): w is string => typeof w === 'string')
    ? z.enum([...new Set(words)] as [string, ...string[]])
    : z.union(distinct as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return described ? merged.describe(described) : merged;
}

/**
 * A tool's `outputSchema` from the outcomes a result can have (each a zod object whose required
 * fields are promised) and the failure every tool may answer with. MCP wants one object schema, so
 * the published one lists every field once and says in `anyOf` which fields each outcome must
 * have; the same rule is checked on the server (the SDK parses every success with it) and by the
 * client (its JSON schema validator).
 */
export function toolOutput(...outcomes: Outcome[]): z.ZodObject {
  const all: Outcome[] = [...outcomes, Failure];
  const keys = [...new Set(all.flatMap((o) => Object.keys(o.shape)))];
  const shape = Object.fromEntries(
    keys.map((k) => {
      const field = mergedField(
        all.flatMap((o) => {
          const own = (o.shape as Record<string, z.ZodType | undefined>)[k];
          return own ? [own] : [];
        }),
      );
      return [k, field instanceof z.ZodOptional ? field : field.optional()];
    }),
  );
  const fields = Object.fromEntries(keys.map((k) => [k, JSON.stringify(toJson(shape[k]!))]));
  // Each outcome names its required fields, and restates only the fields it narrows (its status).
  const anyOf = all.map((o) => {
    const json = toJson(o);
    const props = Object.entries((json.properties ?? {}) as Record<string, Json>).filter(
      ([k, p]) => JSON.stringify(p) !== fields[k],
    );
    return { required: json.required ?? [], ...(props.length > 0 && { properties: Object.fromEntries(props) }) };
  });
  const oneOf = z.union(all as [Outcome, Outcome, ...Outcome[]]);
  return z
    .strictObject(shape)
    .superRefine((value, ctx) => {
      const parsed = oneOf.safeParse(value);
      if (!parsed.success)
        ctx.addIssue({
          code: 'custom',
          message: `matches none of this tool's outcomes: ${z.prettifyError(parsed.error)}`,
        });
    })
    .meta({ anyOf });
}
