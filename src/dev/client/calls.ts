import type { Client, CallToolResult, Progress } from '@modelcontextprotocol/client';
import { ActiveStatus } from '../../core/render.js';

/** A tool's arguments, or its structured reply. */
export type Reply = Record<string, unknown>;

export interface CallOptions {
  /** How long a call may take, in milliseconds (10 minutes unless given). */
  timeoutMs?: number;
  /**
   * Asks the server for progress reports during the call and hands each one over; each also starts
   * the timeout's clock again, so a long render is not cut off while it moves.
   */
  onProgress?: (progress: Progress) => void;
  /** Cancels the call (the client tells the server, which stops the work). */
  signal?: AbortSignal;
}

/** Calls a tool as an assistant would and returns its whole result, tool errors included. */
export async function callTool(
  client: Client,
  name: string,
  args: Reply,
  options: CallOptions = {},
): Promise<CallToolResult> {
  const { timeoutMs = 600_000, onProgress, signal } = options;
  const result = await client.callTool(
    { name, arguments: args },
    {
      timeout: timeoutMs,
      resetTimeoutOnProgress: true,
      ...(onProgress && { onprogress: onProgress }),
      ...(signal && { signal }),
    },
  );
  return result;
}

/** The text a person would read in a tool's result. */
export function toolText(result: CallToolResult): string {
  return result.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('\n');
}

/** The structured reply of a call that worked; a tool error becomes an Error carrying the tool's own words. */
export function replyOf(name: string, result: CallToolResult): Reply {
  if (result.isError) throw new Error(`${name} failed: ${toolText(result)}`);
  return (result.structuredContent ?? {}) as Reply;
}

/**
 * Calls export_video until the letter is done. A render longer than the server's wait answers
 * "queued" or "rendering", and asking again with the same arguments picks the same render up.
 */
export async function exportUntilDone(client: Client, args: Reply, options: CallOptions = {}): Promise<Reply> {
  let reply = replyOf('export_video', await callTool(client, 'export_video', args, options));
  // Still on its way: the server answered before the render ended.
  while (ActiveStatus.safeParse(reply.status).success) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    reply = replyOf('export_video', await callTool(client, 'export_video', args, options));
  }
  if (reply.status !== 'done') throw new Error(`export ended as ${String(reply.status)}: ${String(reply.message)}`);
  return reply;
}
