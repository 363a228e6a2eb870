import { ProtocolError } from '@modelcontextprotocol/server';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverForFile, structured, tempDir, text } from '../helpers/server.js';

/**
 * What reaches the server over stdio that it must not read whole: each is answered with a sentence,
 * and the server goes on answering within a second.
 */
const { server, call } = serverForFile();

/** The server still answers, and quickly: a ping comes back within a second, then a tool call. */
async function answersWithinASecond(): Promise<void> {
  const started = Date.now();
  await server().client.ping();
  expect(Date.now() - started).toBeLessThan(1000);
  expect((await call('get_credits', {})).isError).toBeFalsy();
}

/** Base64 text of `bytes` bytes (not a real photo: the size is what is judged first). */
const base64Of = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');

describe('large messages over stdio', () => {
  it('refuses 8 MB of content_base64 with a sentence naming the bound and pointing to path, and keeps answering', async () => {
    const content = base64Of(6 * 1024 * 1024);
    expect(content.length).toBeGreaterThan(8_000_000);
    const refused = await call('upload_media', { content_base64: content, file_name: 'big.jpg' });
    expect(refused.isError).toBe(true);
    expect(structured<{ error: { code: string } }>(refused).error.code).toBe('file_too_large');
    expect(text(refused)).toBe(
      'Files sent as content_base64 can be up to 5.3 MB (7 MB of base64 in one message); for a larger file pass its path instead (path, a file on this computer).',
    );
    await answersWithinASecond();
  });

  it('says the bound in the tool description', async () => {
    const { tools } = await server().client.listTools();
    expect(tools.find((t) => t.name === 'upload_media')?.description).toContain(
      'Files sent as content_base64 can be up to 5.3 MB',
    );
  });

  it('answers a 12 MB message, over what stdio reads at once, with an error instead of dropping the connection', async () => {
    const error = await call('upload_media', {
      content_base64: base64Of(9 * 1024 * 1024),
      file_name: 'huge.jpg',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: -32600 });
    expect((error as ProtocolError).message).toMatch(
      /^This message is 12(\.\d)? MB, more than the 10 MB this server reads in one message over stdio, so it was not read\. Send a large file by its path/,
    );
    await answersWithinASecond();
    expect(server().stderr()).toContain('a message over the stdio limit was skipped');
  });
});

describe('system folders over stdio, for a client without roots', () => {
  it('refuses upload_media {path: "/etc"} without listing it: no name of a file in it comes back', async () => {
    const refused = await call('upload_media', { path: '/etc' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(
      /^"\/etc" is in a system folder of this computer .*, which video-letter-mcp never reads\./,
    );
    for (const name of await fs.readdir('/etc')) expect(text(refused)).not.toContain(`"${name}"`);
  });

  it("refuses the server's own environment (/proc/self/environ) and a link to it", async () => {
    const dir = tempDir();
    await fs.symlink('/proc/self/environ', path.join(dir, 'notes.txt'));
    for (const named of ['/proc/self/environ', path.join(dir, 'notes.txt')]) {
      const refused = await call('upload_media', { path: named });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toContain('is in a system folder of this computer');
      expect(text(refused)).not.toContain('PATH=');
    }
  });
});

describe('errors as the MCP spec (2025-11-25) lists them', () => {
  it('answers an unknown tool with -32602 (Invalid params) and the names of the tools', async () => {
    const error = await call('make_coffee', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: -32602 });
    expect((error as ProtocolError).message).toMatch(
      /^There is no tool named "make_coffee"\. This server's tools are upload_media, .*export_video/,
    );
  });

  it('answers arguments that do not fit the tool with one readable sentence the model can act on (a tool error, as MCP 2025-11-25 says)', async () => {
    const wrong = await call('upload_media', { order: 'sideways', project_id: 5 });
    expect(wrong.isError).toBe(true);
    expect(text(wrong)).toBe(
      'upload_media cannot take these arguments: "project_id" must be text; "order" must be one of "auto", "name", "date". Its inputSchema (tools/list) says what each argument takes.',
    );
    expect(structured<{ error: { code: string } }>(wrong).error.code).toBe('invalid_request');
    expect(text(await call('get_state', {}))).toContain('"project_id" is required');
  });

  it('says the sentence alone, with no "MCP error" in front, when a resource is not found', async () => {
    const error = await server()
      .client.readResource({ uri: 'letter://p_000000000000/state' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: -32602 });
    expect((error as ProtocolError).message).toMatch(/^There is no project (?!.*MCP error)/);
  });
});
