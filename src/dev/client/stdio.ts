import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { callTool, exportUntilDone, replyOf, type CallOptions, type Reply } from './calls.js';

export interface StdioServerOptions {
  /** The program and its arguments, e.g. node and the built dist/cli.js. */
  command: string;
  args: string[];
  /** The server's whole environment: nothing is inherited that is not here. */
  env: Record<string, string>;
  /** "inherit" shows the server's logs on this process's stderr; "pipe" keeps them for `stderr()`. */
  stderr: 'inherit' | 'pipe';
  /** The client that connects (by default a plain one named `clientName`), e.g. one that declares roots. */
  client?: Client;
  clientName?: string;
  /** Options for every call made through this connection. */
  calls?: CallOptions;
}

/** The server process and the SDK's Client connected to it over stdio, as an assistant holds them. */
export interface StdioServer {
  client: Client;
  /** The server's process id (for reading its CPU and memory). */
  pid: number;
  /** What the server wrote to stderr so far, when it was piped. */
  stderr: () => string;
  /** Calls a tool and returns its whole result, tool errors included; `options` add to the connection's. */
  call: (name: string, args: Reply, options?: CallOptions) => Promise<CallToolResult>;
  /** Calls a tool and returns its structured reply; a tool error is thrown. */
  reply: (name: string, args: Reply) => Promise<Reply>;
  /** export_video until the letter is done; any other end is thrown. */
  exportUntilDone: (args: Reply) => Promise<Reply>;
  close: () => Promise<void>;
}

/** Starts an MCP server over stdio and connects the SDK's Client to it. */
export async function startStdioServer(options: StdioServerOptions): Promise<StdioServer> {
  const transport = new StdioClientTransport({
    command: options.command,
    args: options.args,
    env: options.env,
    stderr: options.stderr,
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const client = options.client ?? new Client({ name: options.clientName ?? 'video-letter-client', version: '1.0.0' });
  await client.connect(transport);
  if (!transport.pid) throw new Error('the server process did not start');
  const calls = options.calls ?? {};
  return {
    client,
    pid: transport.pid,
    stderr: () => log,
    call: (name, args, options) => callTool(client, name, args, { ...calls, ...options }),
    reply: async (name, args) => replyOf(name, await callTool(client, name, args, calls)),
    exportUntilDone: (args) => exportUntilDone(client, args, calls),
    close: () => client.close(),
  };
}
