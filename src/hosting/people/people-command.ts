import type { People } from './people.js';

const USAGE = `Usage:
  video-letter-mcp people add <id> [--name "Full name"]   adds a person (or replaces their token) and prints the token once
  video-letter-mcp people list                           lists the people who may use the server
  video-letter-mcp people remove <id>                    removes a person; their token stops working at once`;

/** `video-letter-mcp people …`: who may use the server over HTTP. Prints to stdout; returns the exit code. */
export async function peopleCommand(
  people: People,
  args: string[],
  name: string | undefined,
  out: (line: string) => void,
): Promise<number> {
  const [action, id] = args;
  if (action === 'add' && id) {
    const token = await people.add(id, name);
    out(`Added ${id} to ${people.file}.`);
    out(`Their token (shown only now; the file keeps only its SHA-256): ${token}`);
    out('They send it as "Authorization: Bearer <token>" to /mcp.');
    return 0;
  }
  if (action === 'list' && !id) {
    const list = await people.list();
    if (list.length === 0) out(`Nobody yet (${people.file}). Add someone with: video-letter-mcp people add <id>`);
    for (const p of list) out(`${p.id}${p.name ? ` (${p.name})` : ''}, added ${p.added_at}`);
    return 0;
  }
  if (action === 'remove' && id) {
    const removed = await people.remove(id);
    out(
      removed
        ? `Removed ${id}; their token no longer works. Their letters stay in their folder.`
        : `There is nobody called ${id} in ${people.file}.`,
    );
    return removed ? 0 : 1;
  }
  out(USAGE);
  return 2;
}
