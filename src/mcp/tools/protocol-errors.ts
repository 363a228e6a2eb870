import { isJSONRPCErrorResponse, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { McpServer, Transport, CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { failed, present } from './reply.js';
import { sdkInternals } from './sdk-internals.js';

const PREFIX = /^MCP error -?\d+: /;

/**
 * Sends every JSON-RPC error with its sentence alone. The SDK's McpError puts "MCP error <code>:"
 * in front of its message and the client's McpError adds it again, so a person read
 * "MCP error -32002: MCP error -32002: …"; the code travels once, in its own field.
 */
export function errorsSaidOnce<T extends Transport>(transport: T): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) =>
    send(
      isJSONRPCErrorResponse(message) && PREFIX.test(message.error.message)
        ? { ...message, error: { ...message.error, message: message.error.message.replace(PREFIX, '') } }
        : message,
      options,
    );
  return transport;
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** The value at a path of the arguments (zod's issues do not carry it). */
function valueAt(args: unknown, at: PropertyKey[]): unknown {
  return at.reduce<unknown>(
    (v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    args,
  );
}

/**
 * One argument's problem as a person reads it, e.g. `"order" must be one of "auto", "name", "date"`.
 * A schema's own sentence (zod's defaults all begin "Invalid" or "Too") is kept as written.
 */
function problem(issue: z.core.$ZodIssue, args: unknown): string {
  if (!/^(Invalid|Too)/.test(issue.message)) return issue.message;
  const name = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'The arguments';
  if (issue.code === 'invalid_value')
    return `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type')
    return valueAt(args, issue.path) === undefined
      ? `${name} is required`
      : `${name} must be ${KINDS[issue.expected] ?? issue.expected}`;
  return `${name}: ${issue.message}`;
}

/**
 * tools/call answers as MCP 2025-11-25 says (tools, "Error Handling", and SEP-1303): an unknown
 * tool is the protocol error -32602 (Invalid params) with the names of the tools; arguments that do
 * not fit the tool's inputSchema are a tool execution error (a result with isError) in one
 * readable sentence, so the model sees it and corrects its call. The SDK v2 answers the first
 * without naming the tools and the second with zod's raw issue list. Everything else goes on to the SDK's
 * handler. Called once every tool is registered.
 */
export function answerBadCalls(server: McpServer): void {
  const { tools, handler } = sdkInternals(server);
  const sdkHandler = handler('tools/call') as (...a: unknown[]) => unknown;
  server.server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: args } = request.params;
    const tool = Object.hasOwn(tools, name) ? tools[name] : undefined;
    if (!tool)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `There is no tool named "${name}". This server's tools are ${Object.keys(tools).join(', ')}.`,
      );
    const parsed = tool.inputSchema?.safeParse(args ?? {});
    if (parsed && !parsed.success) {
      const message = `${name} cannot take these arguments: ${parsed.error.issues.map((i) => problem(i, args)).join('; ')}. Its inputSchema (tools/list) says what each argument takes.`;
      return present(failed('invalid_request', message));
    }
    return (await sdkHandler(request, ctx)) as CallToolResult;
  });
}
