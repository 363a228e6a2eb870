import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { Backend } from '../../../../src/core/backend.js';
import { callTool, toolText } from '../../../../src/dev/client/calls.js';
import { createCloudBackend } from '../../../../src/backends/cloud/cloud.js';
import { createServer } from '../../../../src/mcp/server.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { photo, renderStarts } from '../../../helpers/cloud/fake-backend.js';
import { testConfig } from '../../../helpers/cloud/fixtures.js';
import { captureLogger } from '../../../helpers/cloud/msw-bridge.js';

/**
 * Total decoding: whatever draft or stream event NemoVideo sends is read, or named in a sentence;
 * no tool fails for the project and no reply holds raw JSON. Through the real MCP client.
 */
let fake: FakeNemo;
let backend: Backend;
let client: Client;

beforeAll(async () => {
  fake = await startFakeNemo({ heartbeatEveryMs: 1 });
  const config = testConfig(fake.url);
  const { logger } = captureLogger();
  backend = createCloudBackend(config, logger, { clientIdFile: path.join(config.home, 'client_id') });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServer({ backend, log: logger }).connect(serverSide);
  client = new Client({ name: 'odd-replies', version: '1.0.0' });
  await client.connect(clientSide);
});
afterEach(() => {
  expect(fake.handlerErrors.splice(0).map((e) => e.message)).toEqual([]);
});
afterAll(async () => {
  await client?.close();
  await backend?.close();
  await fake?.close();
});

async function call(name: string, args: Record<string, unknown>) {
  const r = await callTool(client, name, args);
  const text = toolText(r);
  // Sentences for people: never JSON, never an internal failure.
  expect(text).not.toMatch(/[{}[\]]|Something went wrong inside/);
  return { text, isError: r.isError === true };
}

/** A letter with one photo and one edit; returns its id and NemoVideo session. */
async function editedLetter(): Promise<{ projectId: string; sessionId: string }> {
  const up = await callTool(client, 'upload_media', { path: photo() });
  const projectId = (up.structuredContent as { project_id: string }).project_id;
  await call('generate_letter', { project_id: projectId, instruction: 'Make a letter for mom' });
  return { projectId, sessionId: fake.chats.at(-1)!.sessionId };
}

describe('odd drafts', () => {
  it('negative times are read as the start and named; state, edit and export all still work', async () => {
    const { projectId, sessionId } = await editedLetter();
    fake.setDraft(sessionId, {
      d: -4000,
      t: [{ tt: 0, sg: [{ st: -2000, d: 4000, m: { name: 'mom.png', type: 'image' } }] }],
    });
    const state = await call('get_state', { project_id: projectId });
    expect(state.isError).toBe(false);
    expect(state.text).toContain(
      "NemoVideo's draft had something odd (a Video item starts at -2 s; its length is -4 s), so it was read as well as it could be",
    );
    expect(state.text).toContain('Timeline (1 track): 1. Video: 1 photo (0-2s)');
    const starts = renderStarts(fake).length;
    const exported = await call('export_video', { project_id: projectId });
    expect(exported.isError).toBe(false);
    expect(exported.text).toMatch(/^The video letter is ready: /);
    expect(renderStarts(fake)).toHaveLength(starts + 1);
  });

  it.each([
    [42, 'it is a number, not a timeline'],
    ['not json at all', 'it is a piece of text, not a timeline'],
    [{ t: { tt: 0 } }, 'its tracks are an object, not a list'],
  ])('a draft like %j is named in a sentence, and export says there is nothing to render', async (draft, why) => {
    const { projectId, sessionId } = await editedLetter();
    fake.setDraft(sessionId, draft);
    const state = await call('get_state', { project_id: projectId });
    expect(state.isError).toBe(false);
    expect(state.text).toContain(`(${why})`);
    const starts = renderStarts(fake).length;
    const exported = await call('export_video', { project_id: projectId });
    expect(exported.isError).toBe(true);
    expect(exported.text).toContain(`(${why})`);
    expect(renderStarts(fake)).toHaveLength(starts);
  });
});

describe('odd stream events', () => {
  it('events outside the ADK shape are read when they hold words, and named when they do not', async () => {
    const { projectId } = await editedLetter();
    const chats = fake.chats.length;
    const credits = fake.credits();
    fake.sayRaw(
      { text: 'Warmer now.' },
      { foo: 1, bar: 2 },
      [1, 2],
      { author: 'nemo_agent', content: { role: 'model', parts: { text: 'x' } } },
      { author: 'nemo_agent', content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png' } }] } },
    );
    const r = await call('generate_letter', { project_id: projectId, instruction: 'Make it warmer' });
    expect(r.isError).toBe(false);
    expect(fake.chats.length).toBe(chats + 1);
    expect(fake.credits()).toBe(credits - 1);
    expect(r.text).toContain('Warmer now.');
    expect(r.text).toContain(
      'NemoVideo also sent something this server could not read (an event with the fields "foo" and "bar"; a list where an event belongs; an event whose parts are an object), so it was left out',
    );
  });

  it('a stream of nothing but odd events still answers in sentences', async () => {
    const { projectId } = await editedLetter();
    fake.sayRaw({ weird: true }, 'null', '7');
    const r = await call('generate_letter', { project_id: projectId, instruction: 'Make it vertical' });
    expect(r.text).toContain('Aspect set to 9:16 (vertical).');
    expect(r.text).toContain(
      'an event with the field "weird"; nothing where an event belongs; a number where an event belongs',
    );
  });
});
