import type { Storyboard } from './results.js';
import type { BenchServer } from './server.js';

/**
 * Times the storyboard if this build of the server has one: either a get_state option whose name
 * mentions it (asked for with true) or a storyboard field get_state always returns. The first
 * call for a letter is the figure; it is the one a person waits for.
 */
export async function measureStoryboard(server: BenchServer, projectId: string): Promise<Storyboard> {
  const tool = (await server.client.listTools()).tools.find((t) => t.name === 'get_state');
  const option = Object.keys(tool?.inputSchema.properties ?? {}).find((k) => /storyboard/i.test(k));
  const inOutput = Object.keys(tool?.outputSchema?.properties ?? {}).some((k) => /storyboard/i.test(k));
  if (!option && !inOutput)
    return { available: false, wallSeconds: null, note: 'n/a: get_state has no storyboard in this build' };
  const args = { project_id: projectId, ...(option && { [option]: true }) };
  const started = performance.now();
  await server.reply('get_state', args);
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    available: true,
    wallSeconds,
    note: option
      ? `get_state with ${option}: true, first call for the letter`
      : 'get_state (it always includes the storyboard), first call',
  };
}
