import type { ToolTiming } from './results.js';
import type { BenchServer, Reply } from './server.js';
import { percentile } from './stats.js';

/** Times `calls` calls of a tool at the client (after one untimed warm-up call). */
async function timeTool(
  tool: string,
  calls: number,
  note: string,
  args: (i: number) => Reply,
  server: BenchServer,
): Promise<ToolTiming> {
  await server.reply(tool, args(-1));
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await server.reply(tool, args(i));
    ms.push(performance.now() - started);
  }
  return { tool, calls, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), note };
}

/**
 * The tools an assistant calls between renders, through the MCP client over stdio, in a project
 * of their own so the reference letters stay as they are.
 */
export async function timeTools(
  server: BenchServer,
  bigPhoto: string,
  bigPhotoBytes: number,
  calls: number,
): Promise<ToolTiming[]> {
  const projectId = (await server.reply('upload_media', { path: bigPhoto })).project_id as string;
  const mb = (bigPhotoBytes / 1e6).toFixed(1);
  const upload = await timeTool(
    'upload_media',
    calls,
    `a ${mb} MB 4000x3000 JPEG by path`,
    () => ({ project_id: projectId, path: bigPhoto }),
    server,
  );
  const generate = await timeTool(
    'generate_letter',
    calls,
    `edits the message of a letter with ${calls + 2} photos`,
    (i) => ({ project_id: projectId, message: `Happy birthday! Note number ${i}.`, title: 'For you' }),
    server,
  );
  const state = await timeTool('get_state', calls, 'the same letter', () => ({ project_id: projectId }), server);
  const credits = await timeTool('get_credits', calls, 'local engine', () => ({}), server);
  return [upload, generate, state, credits];
}
