import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

export type Reply = Record<string, unknown>;

/** The built server over stdio, driven by the SDK's Client exactly as an assistant would. */
export class BenchServer {
  private constructor(
    private readonly client: Client,
    /** The server's process id, for reading its CPU and memory from /proc. */
    readonly pid: number,
    readonly tools: Tool[],
  ) {}

  static async start(cli: string, env: Record<string, string>): Promise<BenchServer> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli],
      env: { ...(process.env as Record<string, string>), VIDEO_LETTER_LOG_LEVEL: 'warn', ...env },
      stderr: 'inherit',
    });
    const client = new Client({ name: 'video-letter-bench', version: '1.0.0' });
    await client.connect(transport);
    if (!transport.pid) throw new Error('the server process did not start');
    const { tools } = await client.listTools();
    return new BenchServer(client, transport.pid, tools);
  }

  /** Calls a tool and returns its structured reply; a tool error stops the benchmark. */
  async call(name: string, args: Reply): Promise<Reply> {
    const result = (await this.client.callTool({ name, arguments: args }, undefined, { timeout: 3_600_000, resetTimeoutOnProgress: true })) as CallToolResult;
    if (result.isError) {
      const text = result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');
      throw new Error(`${name} failed: ${text}`);
    }
    return result.structuredContent ?? {};
  }

  /** export_video until it is done: a render longer than the server's wait answers "rendering". */
  async exportLetter(projectId: string, quality: 'final' | 'preview'): Promise<Reply> {
    let reply = await this.call('export_video', { project_id: projectId, quality });
    while (reply.status === 'queued' || reply.status === 'rendering') {
      await new Promise((r) => setTimeout(r, 200));
      reply = await this.call('export_video', { project_id: projectId, quality });
    }
    if (reply.status !== 'done') throw new Error(`export ended as ${String(reply.status)}: ${String(reply.message)}`);
    return reply;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
