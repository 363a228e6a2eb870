import { Client, type LoggingMessageNotification } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quadrants } from '../helpers/make-media.js';
import { CLI, structured, tempDir } from '../helpers/server.js';

/**
 * On 2026-07-28 there is no logging/setLevel: each request says the level it wants in its `_meta`
 * (`io.modelcontextprotocol/logLevel`), and a request that says none gets no log. The server's log
 * written while a tool call runs goes with that call, at the call's level.
 */
const LOG_LEVEL = 'io.modelcontextprotocol/logLevel';

describe('the log level of one 2026-07-28 request', () => {
  const logs: LoggingMessageNotification['params'][] = [];
  let client: Client;
  let projectId: string;
  const messages = () => logs.map((l) => `${l.level}: ${(l.data as { message: string }).message}`);

  /** One upload_media call, at the level given (none: no level in `_meta`); the log it brought. */
  async function upload(level?: string) {
    logs.length = 0;
    const result = await client.callTool({
      name: 'upload_media',
      arguments: {
        content_base64: (await quadrants(320, 180).jpeg().toBuffer()).toString('base64'),
        file_name: 'garden.jpg',
        ...(projectId && { project_id: projectId }),
      },
      ...(level && { _meta: { [LOG_LEVEL]: level } }),
    });
    projectId = structured<{ project_id: string }>(result).project_id;
    return messages();
  }

  beforeAll(async () => {
    client = new Client(
      { name: 'log-level-test', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    client.setNotificationHandler('notifications/message', (n) => void logs.push(n.params));
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI],
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), VIDEO_LETTER_HOME: tempDir() },
        stderr: 'ignore',
      }),
    );
  });
  afterAll(async () => client?.close());

  it('a request that asks for info gets the log of its call from info up', async () => {
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(await upload('info')).toContain('info: media stored');
  });

  it('a request that sets no level gets no log', async () => {
    expect(await upload()).toEqual([]);
  });

  it('a request that asks for errors only gets no info', async () => {
    expect(await upload('error')).toEqual([]);
  });
});
