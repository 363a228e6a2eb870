import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import { iconsOf } from '../icons.js';
import { annotations, type ToolDeps } from './deps.js';
import { done, guarded, present, type ToolResult } from './reply.js';
import { toolOutput } from './outcomes.js';

const Credits = z.object({
  backend: z.enum(['local', 'cloud']),
  unlimited: z.boolean(),
  available: z.number().nullable(),
  frozen: z.number().nullable(),
  total: z.number().nullable(),
  message: z.string(),
});
export const getCreditsOutput = toolOutput(Credits);

export type CreditsResult = ToolResult<z.input<typeof Credits>>;

export async function getCredits(deps: ToolDeps): Promise<CreditsResult> {
  return guarded(deps.log, 'get_credits', async () => {
    const c = await deps.backend.credits();
    const credits: z.input<typeof Credits> = {
      backend: c.backend,
      unlimited: c.unlimited,
      available: c.available,
      frozen: c.frozen,
      total: c.total,
      message: c.message,
    };
    return done(c.message, credits);
  });
}

export function registerGetCreditsTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'get_credits',
    {
      title: 'Check rendering credits',
      description:
        'Tells how much rendering the person can still do. With the local engine rendering is free and unlimited; with the ' +
        'NemoVideo cloud backend it reports the real balance (available, frozen, total). Takes no arguments.',
      inputSchema: z.object({}),
      outputSchema: getCreditsOutput,
      icons: iconsOf('get_credits'),
      annotations: annotations(deps, { readOnlyHint: true, destructiveHint: false, idempotentHint: true }),
    },
    async () => present(await getCredits(deps)),
  );
}
