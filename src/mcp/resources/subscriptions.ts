import type { McpServer } from '@modelcontextprotocol/server';
import type { Backend, LetterChange } from '../../core/backend.js';
import { belongsTo } from './letters.js';

/** The list of resources changes when a letter is created, gets media (a storyboard) or a finished export. */
const LIST_CHANGES: ReadonlySet<LetterChange['kind']> = new Set(['created', 'media', 'exported']);

/**
 * Resource subscriptions of one client session: `resources/subscribe` to a letter's URI, then
 * `notifications/resources/updated` for it whenever that letter changes (an edit, new media, a
 * render starting or ending), and `notifications/resources/list_changed` when the list grows.
 * Returns a function that stops following the letters (when the session closes).
 */
export function followLetters(server: McpServer, backend: Backend): () => void {
  const subscribed = new Set<string>();
  server.server.setRequestHandler('resources/subscribe', async (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler('resources/unsubscribe', async (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
  if (!backend.watch) return () => undefined;
  return backend.watch((change) => {
    if (!server.isConnected()) return;
    if (LIST_CHANGES.has(change.kind)) server.sendResourceListChanged();
    for (const uri of subscribed) {
      // A client that went away mid-notification is not an error of the letter's.
      if (belongsTo(uri, change.projectId)) void server.server.sendResourceUpdated({ uri }).catch(() => undefined);
    }
  });
}
