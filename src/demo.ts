/**
 * `npm run demo`: makes a real video letter from the sample photos in assets/samples, through the
 * MCP tools exactly as an assistant would (the built server over stdio, driven by the SDK's
 * Client), and prints where the MP4 is.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.join(root, 'assets', 'samples');
const say = (line: string) => process.stderr.write(`${line}\n`);

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [path.join(root, 'dist', 'cli.js')],
  env: {
    ...(process.env as Record<string, string>),
    VIDEO_LETTER_HOME: process.env.VIDEO_LETTER_HOME ?? path.join(root, '.letters'),
    VIDEO_LETTER_OUTPUT_DIR: process.env.VIDEO_LETTER_OUTPUT_DIR ?? path.join(root, 'out'),
    VIDEO_LETTER_LOG_LEVEL: process.env.VIDEO_LETTER_LOG_LEVEL ?? 'warn',
  },
  stderr: 'inherit',
});
const client = new Client({ name: 'video-letter-demo', version: '1.0.0' });
await client.connect(transport);

async function call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = (await client.callTool({ name, arguments: args }, undefined, {
    timeout: 600_000,
    resetTimeoutOnProgress: true,
    onprogress: (p) => process.stderr.write(`\r  ${p.message ?? ''} `),
  })) as CallToolResult;
  const text = result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  say(`${name}: ${text.split('\n')[0]}`);
  return result.structuredContent ?? {};
}

try {
  const first = await call('upload_media', { path: path.join(samples, 'friends.jpg') });
  const projectId = first.project_id as string;
  for (const file of ['sunset.jpg', 'mountains.jpg', 'life.jpg', 'message.txt']) await call('upload_media', { project_id: projectId, path: path.join(samples, file) });
  await call('generate_letter', { project_id: projectId, title: 'Dear Grandma', closing: 'With love, Anna' });
  let exported = await call('export_video', { project_id: projectId });
  while (exported.status === 'queued' || exported.status === 'rendering') exported = await call('export_video', { project_id: projectId });
  process.stderr.write('\n');
  if (exported.status !== 'done') throw new Error(`export ended as ${String(exported.status)}: ${String(exported.message)}`);
  say(`Your video letter: ${String(exported.path)}`);
  const config = { mcpServers: { 'video-letter': { command: 'node', args: [path.join(root, 'dist', 'cli.js')] } } };
  say(`\nTo use it from Claude Desktop or Cursor, add this to the client's MCP config:\n${JSON.stringify(config, null, 2)}`);
  process.stdout.write(`${String(exported.path)}\n`);
} finally {
  await client.close();
}
