import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { McpServer } from '@modelcontextprotocol/server';
import { toolListMadeOnce } from '../../../../src/mcp/tools/tool-list.js';

/** A server with one tool and a tools/list made once, and a client talking to it. */
async function connected() {
  const server = new McpServer({ name: 'tool-list-tests', version: '1.0.0' });
  const greet = server.registerTool(
    'greet',
    { description: 'Says hello.', inputSchema: { name: z.string() } },
    ({ name }) => ({ content: [{ type: 'text', text: `Hello ${name}` }] }),
  );
  toolListMadeOnce(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'tool-list-tests', version: '1.0.0' });
  await client.connect(clientSide);
  const described = async () => (await client.listTools()).tools.map((t) => `${t.name}: ${t.description}`);
  return { server, greet, described };
}

describe('tools/list, made once per session', () => {
  it('answers from the list it made first, not from the tools as they are now', async () => {
    const { greet, described } = await connected();
    expect(await described()).toEqual(['greet: Says hello.']);
    // Changed behind the SDK's back (no update, so no list_changed): the list already made stands.
    greet.description = 'Says hello, loudly.';
    expect(await described()).toEqual(['greet: Says hello.']);
  });

  it('makes the list anew once a tool changes, is added or is removed', async () => {
    const { server, greet, described } = await connected();
    await described();
    greet.update({ description: 'Says hello warmly.' });
    expect(await described()).toEqual(['greet: Says hello warmly.']);
    server.registerTool('wave', { description: 'Waves.' }, () => ({ content: [] }));
    expect(await described()).toEqual(['greet: Says hello warmly.', 'wave: Waves.']);
    greet.remove();
    expect(await described()).toEqual(['wave: Waves.']);
  });
});
