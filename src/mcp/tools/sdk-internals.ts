import type { McpServer } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/** What this server reads of a registered tool. */
export interface RegisteredTool {
  inputSchema?: z.ZodType;
}

type Handler = (request: never, extra: never) => unknown;

/**
 * The one place that reads the SDK's private fields (SDK v2, @modelcontextprotocol/server 2.4): its registered tools and its own
 * request handlers, which protocol-errors.ts and tool-list.ts wrap. Checked by their tests
 * (test/unit/mcp/ and the e2e surface tests) on every SDK upgrade.
 */
export function sdkInternals(server: McpServer): {
  tools: Record<string, RegisteredTool>;
  handler: (method: string) => Handler;
} {
  const tools = (server as unknown as { _registeredTools: Record<string, RegisteredTool> })._registeredTools;
  const handlers = (server.server as unknown as { _requestHandlers: Map<string, Handler> })._requestHandlers;
  return {
    tools,
    handler: (method) => {
      const found = handlers.get(method);
      if (!found) throw new Error(`register the tools before wrapping the SDK's ${method}`);
      return found;
    },
  };
}
