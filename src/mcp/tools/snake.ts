import { z } from 'zod';

/** `sizeBytes` → `size_bytes`, as a type. */
type SnakeKey<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeKey<Rest>}`
  : S;
/** An object's keys in the snake_case agents see. */
export type Snake<T> = { [K in keyof T as K extends string ? SnakeKey<K> : K]: T[K] };

const snakeKey = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The engine's camelCase schema as the snake_case one tools publish: the same fields, renamed. */
export function snakeSchema<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<Snake<S>> {
  return z.object(
    Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [snakeKey(k), v])),
  ) as unknown as z.ZodObject<Snake<S>>;
}

/** An engine record in snake_case, its top-level keys renamed. */
export function snakeKeys<T extends object>(value: T): Snake<T> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeKey(k), v])) as Snake<T>;
}
