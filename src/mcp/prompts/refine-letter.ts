import { z } from 'zod';
import { completable } from '@modelcontextprotocol/server';
import type { McpServer, GetPromptResult } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import { isLetterError } from '../../core/errors.js';
import { stateOut } from '../tools/get-state.js';
import { completeProjectId, letterUri } from '../resources/letters.js';
import { EDIT_EXAMPLES } from './make-letter.js';

function refineText(projectId: string, wish: string | undefined): string {
  return [
    `Please help me refine my video letter ${projectId}.`,
    wish ? `What I would like: ${wish}` : 'Ask me what I would like to change.',
    '',
    `1. Look at its state (attached) and call get_state with project_id "${projectId}" and storyboard: true to see the key frames.`,
    `2. Make each change with generate_letter: my words as its instruction, or exact edits (get_state lists the moments by id, file name and position). ${EDIT_EXAMPLES} Tell me what changed.`,
    '3. Show me the new storyboard and ask if it is right; repeat until I am happy.',
    '4. Call export_video (quality "preview" first if I want a quick look). If it answers "rendering", call it again with the same arguments until the video is ready.',
  ].join('\n');
}

/** "Refine my letter": edit an existing letter, with its current state attached. */
export function registerRefineLetterPrompt(server: McpServer, backend: Backend): void {
  server.registerPrompt(
    'refine_video_letter',
    {
      title: 'Refine my video letter',
      description:
        'Leads the assistant through editing a letter: look at its storyboard, change what you ask, check again, export.',
      argsSchema: z.object({
        project_id: completable(
          z.string().describe('The letter to refine (its project_id).'),
          completeProjectId(backend),
        ),
        wish: z
          .string()
          .optional()
          .describe('What to change, in your words, e.g. "slower, warmer music, vertical for my phone".'),
      }),
    },
    async ({ project_id, wish }): Promise<GetPromptResult> => {
      const messages: GetPromptResult['messages'] = [
        { role: 'user', content: { type: 'text', text: refineText(project_id, wish) } },
      ];
      try {
        const state = await backend.state(project_id);
        messages.push({
          role: 'user',
          content: {
            type: 'resource',
            resource: {
              uri: letterUri.state(project_id),
              mimeType: 'application/json',
              text: JSON.stringify(stateOut(state), null, 2),
            },
          },
        });
      } catch (e) {
        // A mistyped id still gives the steps; the assistant finds out from get_state and says so.
        if (!isLetterError(e)) throw e;
      }
      return { description: `Refine video letter ${project_id}`, messages };
    },
  );
}
