import { describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { callTool, toolText } from '../../../../src/dev/client/calls.js';
import { createServer } from '../../../../src/mcp/server.js';
import { captureLogger } from '../../../helpers/cloud/msw-bridge.js';
import type { Backend } from '../../../../src/core/backend.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { fakeBackendsPerTest, photo } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/**
 * An export that costs credits (NEMO_EXPORT_CREDITS) answers with its cost and starts nothing
 * until it is asked again with `confirm`; an export NemoVideo's agent suggests is never confirmed
 * on the person's behalf. With the seed's free exports nothing changes.
 */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);

async function letter(backend: Backend): Promise<string> {
  const { projectId } = await backend.upload({ path: photo() }, context());
  await backend.generate(projectId, { instruction: 'Make a letter for mom' }, context());
  return projectId;
}

describe('confirmation before an export that costs credits', () => {
  it('answers with the cost and starts no render; with confirm it renders and the credits are spent once', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1, renderCost: 5 });
    const backend = backends.make({ NEMO_EXPORT_CREDITS: '5' });
    const projectId = await letter(backend);
    const credits = fake.credits();
    const asked = await backend.export(projectId, { quality: 'final' }, context());
    expect(asked).toEqual({
      status: 'confirm',
      cost: 5,
      available: credits,
      message: `Exporting this letter on NemoVideo costs 5 credits (${credits} available), so nothing was started yet. If the person agrees, call export_video again with confirm: true.`,
    });
    expect(fake.renders).toHaveLength(0);
    expect(fake.credits()).toBe(credits);

    const done = await backend.export(projectId, { quality: 'final', confirm: true }, context());
    expect(done.status).toBe('done');
    expect(fake.renders).toHaveLength(1);
    expect(fake.credits()).toBe(credits - 5);
    // The same letter again: its saved file, no second render and no second question.
    expect(await backend.export(projectId, { quality: 'final' }, context())).toMatchObject({ status: 'done' });
    expect(fake.renders).toHaveLength(1);
  });

  it('the agent\'s "Click the Export button" is not a confirmation: the person reads the cost, nothing renders', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1, renderCost: 5 });
    const backend = backends.make({ NEMO_EXPORT_CREDITS: '5' });
    const { projectId } = await backend.upload({ path: photo() }, context());
    fake.say('All done. Click the Export button to download your letter.');
    const r = await backend.generate(projectId, { instruction: 'Make a letter for mom' }, context());
    expect(r.reply).toContain('All done. Exporting this letter on NemoVideo costs 5 credits');
    expect(fake.renders).toHaveLength(0);
    expect(fake.chats).toHaveLength(1);
  });

  it('with free exports (the seed) an export renders at once', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1 });
    const backend = backends.make();
    const projectId = await letter(backend);
    expect((await backend.export(projectId, { quality: 'final' }, context())).status).toBe('done');
    expect(fake.renders).toHaveLength(1);
  });
});

describe('export_video with confirm, through the MCP client', () => {
  it('answers status "confirm" with the cost in words, then renders when called with confirm: true', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1, renderCost: 3 });
    const backend = backends.make({ NEMO_EXPORT_CREDITS: '3' });
    const projectId = await letter(backend);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createServer({ backend, log: captureLogger().logger }).connect(serverSide);
    const client = new Client({ name: 'confirm', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const asked = await callTool(client, 'export_video', { project_id: projectId });
      expect(asked.isError).toBeFalsy();
      expect(asked.structuredContent).toMatchObject({ status: 'confirm', cost: 3 });
      expect(toolText(asked)).toMatch(/^Exporting this letter on NemoVideo costs 3 credits \(\d+ available\)/);
      expect(fake.renders).toHaveLength(0);
      const done = await callTool(client, 'export_video', { project_id: projectId, confirm: true });
      expect(toolText(done)).toMatch(/^The video letter is ready: /);
      expect(fake.renders).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
