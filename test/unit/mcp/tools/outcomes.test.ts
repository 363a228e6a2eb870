import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { toolOutput } from '../../../../src/mcp/tools/outcomes.js';

/** A tool with two outcomes, as export_video has several: finished with a path, or still going. */
const output = toolOutput(
  z.object({ status: z.literal('done'), path: z.string(), note: z.string().optional() }),
  z.object({ status: z.enum(['queued', 'rendering']), percent: z.number() }),
);
const json = z.toJSONSchema(output, { io: 'output', target: 'draft-7' }) as Record<string, unknown>;

describe('toolOutput (one object schema for several outcomes)', () => {
  it('publishes an object listing every field once, optional at the top', () => {
    expect(json).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(json.properties as object).sort()).toEqual(['error', 'note', 'path', 'percent', 'status']);
    expect(json.properties).toMatchObject({ status: { enum: ['done', 'queued', 'rendering'] } });
    expect(json.required).toBeUndefined();
  });

  it('says in anyOf which fields each outcome must have, restating only the field it narrows', () => {
    expect(json.anyOf).toEqual([
      { required: ['status', 'path'], properties: { status: { type: 'string', const: 'done' } } },
      { required: ['status', 'percent'], properties: { status: { type: 'string', enum: ['queued', 'rendering'] } } },
      { required: ['error'] },
    ]);
  });

  it('accepts each outcome and a failure on the server side too', () => {
    expect(output.safeParse({ status: 'done', path: '/a.mp4' }).success).toBe(true);
    expect(output.safeParse({ status: 'rendering', percent: 40 }).success).toBe(true);
    expect(output.safeParse({ error: { code: 'render_failed', message: 'ffmpeg stopped.' } }).success).toBe(true);
  });

  it('refuses a result that keeps no outcome whole: done without its path, a status with the wrong fields, an unknown field', () => {
    expect(output.safeParse({ status: 'done' }).success).toBe(false);
    expect(output.safeParse({ status: 'done', percent: 40 }).success).toBe(false);
    expect(output.safeParse({ status: 'done', path: '/a.mp4', size: 1 }).success).toBe(false);
  });
});
