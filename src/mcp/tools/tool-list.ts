import type { ListToolsResult, McpServer } from '@modelcontextprotocol/server';
import { sdkInternals } from './sdk-internals.js';

/**
 * tools/list answers with the list it made the first time. The SDK (1.32 and v2 alike) converts every tool's zod
 * schemas to JSON Schema on each call (0.4 to 2.6 s under load on a shared 2-core machine); this
 * server's tools are the same for the whole session, and any change the SDK announces
 * (sendToolListChanged, on every register, update or removal) makes the list anew. Called once
 * every tool is registered.
 */
export function toolListMadeOnce(server: McpServer): void {
  const make = sdkInternals(server).handler('tools/list') as (
    request: unknown,
    extra: unknown,
  ) => ListToolsResult | Promise<ListToolsResult>;
  let list: Promise<ListToolsResult> | undefined;
  server.server.setRequestHandler('tools/list', (request, extra) => {
    list ??= Promise.resolve(make(request, extra)).catch((e: unknown) => {
      list = undefined;
      throw e;
    });
    return list;
  });
  const announce = server.sendToolListChanged.bind(server);
  server.sendToolListChanged = () => {
    list = undefined;
    announce();
  };
}
