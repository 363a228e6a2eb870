import { ResourceTemplate } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Backend } from '../../core/backend.js';
import { isLetterError } from '../../core/errors.js';
import { completeProjectId, letterName, letterUri, listLetters, notFound, stateFor, variable } from './letters.js';

/**
 * `letter://<id>/storyboard.jpg`: one contact sheet of the letter's key frames, for engines that
 * draw one without rendering; listed once the letter has media to show.
 */
export function registerStoryboardResource(server: McpServer, backend: Backend): void {
  const draw = backend.storyboard?.bind(backend);
  if (!draw) return;
  server.registerResource(
    'letter-storyboard',
    new ResourceTemplate(letterUri.storyboard('{project_id}'), {
      list: () =>
        listLetters(backend, (s) =>
          s.media.some((m) => m.kind === 'photo' || m.kind === 'video')
            ? [
                {
                  uri: letterUri.storyboard(s.projectId),
                  name: `${s.projectId}-storyboard.jpg`,
                  title: `Storyboard of ${letterName(s)}`,
                  mimeType: 'image/jpeg',
                },
              ]
            : [],
        ),
      complete: { project_id: completeProjectId(backend) },
    }),
    {
      title: "A video letter's storyboard",
      description:
        'Key frames of the letter (title card, every photo and clip in order, closing card) as one JPEG (at most 500 KB), drawn in about a second without rendering.',
      mimeType: 'image/jpeg',
    },
    async (uri, variables) => {
      const projectId = variable(variables, 'project_id');
      await stateFor(backend, projectId, uri.href);
      try {
        const sheet = await draw(projectId);
        return { contents: [{ uri: uri.href, mimeType: sheet.mimeType, blob: sheet.image.toString('base64') }] };
      } catch (e) {
        if (isLetterError(e)) throw notFound(uri.href, `No storyboard yet: ${e.message}`);
        throw e;
      }
    },
  );
}
