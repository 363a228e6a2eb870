import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import { isLetterError } from '../../core/errors.js';
import type { Logger } from '../../log.js';
import type { CallContext } from '../../core/backend.js';

export type Extra = ServerContext;

/** What every tool's structured content is when it fails (the Failure outcome of outcomes.ts). */
export interface Failed {
  error: { code: string; message: string };
}

/** Content shown after a tool's text: links to the finished letter, pictures of it. */
export type Attached = CallToolResult['content'];

/**
 * A tool's result, typed: `structured` is its structured content (the shape its outputSchema
 * publishes), `text` what people read, `attached` what goes with it. A failure carries the
 * Failure shape, and may keep facts of its own (a folder's listing). `present` alone turns it into
 * what MCP clients see, so a tool that runs others (video_letter, an export task) reads typed
 * results rather than its clients' presentation.
 */
export type ToolResult<S extends object> =
  | { ok: true; structured: S; text: string; attached: Attached }
  | { ok: false; structured: Failed & Partial<S>; text: string; attached: Attached };

/** The structured content a tool's result has when it succeeds. */
export type StructuredOf<R> = R extends { ok: true; structured: infer S } ? S : never;

/** A successful result: readable text for people and the same facts as structured content. */
export function done<S extends object>(text: string, structured: S, attached: Attached = []): ToolResult<S> {
  return { ok: true, structured, text, attached };
}

/** A failed result: the sentence, its code, and any facts the failure keeps. */
export function failed<S extends object>(code: string, message: string, facts?: Partial<S>): ToolResult<S> {
  return {
    ok: false,
    structured: { ...facts, error: { code, message } } as Failed & Partial<S>,
    text: message,
    attached: [],
  };
}

/** The one presentation of a tool's result as MCP clients see it. */
export function present(result: ToolResult<object>): CallToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text: result.text }, ...result.attached];
  const structuredContent = result.structured as Record<string, unknown>;
  return result.ok ? { content, structuredContent } : { isError: true, content, structuredContent };
}

/** Problems become failed results with a sentence the agent can pass on or act on. */
export function failure<S extends object>(error: unknown, log: Logger, tool: string): ToolResult<S> {
  if (isLetterError(error)) return failed(error.code, error.message);
  log.error({ err: error, tool }, 'tool failed unexpectedly');
  const message = `Something went wrong inside video-letter-mcp while running ${tool}: ${(error as Error)?.message ?? String(error)}. Nothing you stored was changed; try again, and report it if it repeats.`;
  return failed('internal', message);
}

/**
 * The call's cancellation signal and a progress reporter that speaks MCP progress notifications.
 * Notifications are sent in order; `flush` waits for the last one, so a tool's final progress
 * (100%) reaches the client before its result does.
 */
export function callContext(extra: Extra): CallContext & { flush: () => Promise<void> } {
  const token = extra.mcpReq._meta?.progressToken;
  let last = -1;
  let sent: Promise<void> = Promise.resolve();
  return {
    signal: extra.mcpReq.signal,
    progress: ({ percent, message }) => {
      if (token === undefined || percent <= last) return;
      last = percent;
      const params = { progressToken: token, progress: percent, total: 100, message };
      sent = sent.then(() => extra.mcpReq.notify({ method: 'notifications/progress', params })).catch(() => undefined);
    },
    flush: () => sent,
  };
}

/** Runs a tool body with a call context, then lets its progress notifications go out first. */
export async function withProgress<T>(extra: Extra, body: (ctx: CallContext) => Promise<T>): Promise<T> {
  const ctx = callContext(extra);
  try {
    return await body(ctx);
  } finally {
    await ctx.flush();
  }
}

/** Runs a tool body and turns any thrown problem into a failed result. */
export async function guarded<S extends object>(
  log: Logger,
  tool: string,
  body: () => Promise<ToolResult<S>>,
): Promise<ToolResult<S>> {
  try {
    return await body();
  } catch (e) {
    return failure(e, log, tool);
  }
}
