/**
 * `npm run demo`: makes a real video letter from the sample photos in assets/samples, through the
 * MCP tools exactly as an assistant would (the built server over stdio, driven by the SDK's
 * Client), and prints where the MP4 is.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replyOf, toolText, type Reply } from './client/calls.js';
import { startStdioServer } from './client/stdio.js';

// Built, this file is dist/dev/demo.js: the checkout is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samples = path.join(root, 'assets', 'samples');
const cli = path.join(root, 'dist', 'cli.js');
const say = (line: string) => process.stderr.write(`${line}\n`);

const server = await startStdioServer({
  command: process.execPath,
  args: [cli],
  env: {
    ...(process.env as Record<string, string>),
    VIDEO_LETTER_HOME: process.env.VIDEO_LETTER_HOME ?? path.join(root, '.letters'),
    VIDEO_LETTER_OUTPUT_DIR: process.env.VIDEO_LETTER_OUTPUT_DIR ?? path.join(root, 'out'),
    VIDEO_LETTER_LOG_LEVEL: process.env.VIDEO_LETTER_LOG_LEVEL ?? 'warn',
  },
  stderr: 'inherit',
  clientName: 'video-letter-demo',
  calls: { onProgress: (p) => process.stderr.write(`\r  ${p.message ?? ''} `) },
});

/** One step of the letter: the tool's first line of text is printed as it answers. */
async function step(name: string, args: Reply): Promise<Reply> {
  const result = await server.call(name, args);
  say(`${name}: ${toolText(result).split('\n')[0]}`);
  return replyOf(name, result);
}

try {
  const first = await step('upload_media', { path: path.join(samples, 'friends.jpg') });
  const projectId = first.project_id as string;
  for (const file of ['sunset.jpg', 'mountains.jpg', 'life.jpg', 'message.txt'])
    await step('upload_media', { project_id: projectId, path: path.join(samples, file) });
  await step('generate_letter', { project_id: projectId, title: 'Dear Grandma', closing: 'With love, Anna' });
  const exported = await server.exportUntilDone({ project_id: projectId });
  process.stderr.write('\n');
  say(`Your video letter: ${String(exported.path)}`);
  const config = { mcpServers: { 'video-letter': { command: 'node', args: [cli] } } };
  say(
    `\nTo use it from Claude Desktop or Cursor, add this to the client's MCP config:\n${JSON.stringify(config, null, 2)}`,
  );
  process.stdout.write(`${String(exported.path)}\n`);
} finally {
  await server.close();
}
