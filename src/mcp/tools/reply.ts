import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import { isLetterError } from '../../core/errors.js';
import type { Logger } from '../../log.js';
import type { CallContext } from '../../core/backend.js';

export type Extra = ServerContext;

/** A successful reply: readable text for people and the same facts as structured content. */
export function reply(
  text: string,
  structured: Record<string, unknown>,
  extra: CallToolResult['content'] = [],
): CallToolResult {
  return { content: [{ type: 'text', text }, ...extra], structuredContent: structured };
}

/** Problems become `isError` results with a sentence the agent can pass on or act on. */
export function failure(error: unknown, log: Logger, tool: string): CallToolResult {
  if (isLetterError(error)) {
    return {
      isError: true,
      content: [{ type: 'text', text: error.message }],
      structuredContent: { error: { code: error.code, message: error.message } },
    };
  }
  log.error({ err: error, tool }, 'tool failed unexpectedly');
  const message = `Something went wrong inside video-letter-mcp while running ${tool}: ${(error as Error)?.message ?? String(error)}. Nothing you stored was changed; try again, and report it if it repeats.`;
  return {
    isError: true,
    content: [{ type: 'text', text: message }],
    structuredContent: { error: { code: 'internal', message } },
  };
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

/** Runs a tool body and turns any thrown problem into an error result. */
export async function guarded(log: Logger, tool: string, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (e) {
    return failure(e, log, tool);
  }
}
