import { ResourceTemplate } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import { shownState, type CallerPolicy } from '../caller-policy.js';
import { stateOut } from '../tools/get-state.js';
import { completeProjectId, letterName, letterUri, listLetters, stateFor, variable } from './letters.js';

/** `letter://<id>/state`: the letter as get_state reports it (timeline, media, renders, last export), as JSON. */
export function registerStateResource(server: McpServer, backend: Backend, policy: CallerPolicy): void {
  server.registerResource(
    'letter-state',
    new ResourceTemplate(letterUri.state('{project_id}'), {
      list: () =>
        listLetters(backend, (s) => [
          {
            uri: letterUri.state(s.projectId),
            name: `${s.projectId}-state.json`,
            title: `State of ${letterName(s)}`,
            description: s.summary,
            mimeType: 'application/json',
          },
        ]),
      complete: { project_id: completeProjectId(backend) },
    }),
    {
      title: "A video letter's state",
      description:
        "The letter's timeline (tracks of timed segments), media, render jobs and last export, as get_state returns them.",
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const state = await stateFor(backend, variable(variables, 'project_id'), uri.href);
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify(stateOut(shownState(policy, state)), null, 2),
          },
        ],
      };
    },
  );
}
