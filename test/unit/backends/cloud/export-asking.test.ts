import { describe, expect, it } from 'vitest';
import {
  Client,
  InMemoryTransport,
  StreamableHTTPClientTransport,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { callTool, toolText } from '../../../../src/dev/client/calls.js';
import { createServer } from '../../../../src/mcp/server.js';
import { howToAsk, type ConfirmSetting } from '../../../../src/mcp/ask-before-spending.js';
import type { Backend } from '../../../../src/core/backend.js';
import { captureLogger } from '../../../helpers/cloud/msw-bridge.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { fakeBackendsPerTest, photo, renderStarts } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/**
 * Before an export spends NemoVideo credits the person is asked: with a yes/no form where the
 * client shows one (elicitation), otherwise by export_video's own answer with the cost ("call
 * again with confirm: true"). Either way no render is requested and no credit spent before a yes.
 * A 2026-07-28 client gets the form by multi round-trip input: the call answers input_required
 * and the SDK's client retries it with the person's answer.
 */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);
const COST = 4;

interface Person {
  /** The client's name in `initialize`; "Visual Studio Code" is known to show forms. */
  name?: string;
  /** Whether the client declares form elicitation. */
  forms?: boolean;
  /** The server's setting (VIDEO_LETTER_CONFIRM). */
  setting?: ConfirmSetting;
  /** How the person answers a form; what the fake had spent and rendered when the form was shown is recorded. */
  answer?: ElicitResult;
  /** A 2026-07-28 client (each request on its own over HTTP) instead of a 2025 one. */
  modern?: boolean;
}

async function letterOnNemo(backend: Backend): Promise<string> {
  const { projectId } = await backend.upload({ path: photo() }, context());
  await backend.generate(projectId, { instruction: 'Make a letter for mom' }, context());
  return projectId;
}

/** A cloud letter with priced exports and a connected client; `forms` lists every form the person was shown. */
async function setUp(person: Person) {
  fake = await startFakeNemo({ heartbeatEveryMs: 1, renderCost: COST });
  const backend = backends.make({ NEMO_EXPORT_CREDITS: String(COST) });
  const projectId = await letterOnNemo(backend);
  const before = fake.credits();
  const makeServer = () => createServer({ backend, log: captureLogger().logger, confirm: person.setting ?? 'auto' });
  const client = new Client(
    { name: person.name ?? 'a host', version: '1.0.0' },
    {
      capabilities: person.forms ? { elicitation: { form: {} } } : {},
      ...(person.modern && { versionNegotiation: { mode: { pin: '2026-07-28' as const } } }),
    },
  );
  const forms: { request: ElicitRequest['params']; creditsThen: number; rendersThen: number }[] = [];
  if (person.forms)
    client.setRequestHandler('elicitation/create', (request) => {
      forms.push({ request: request.params, creditsThen: fake.credits(), rendersThen: renderStarts(fake).length });
      return person.answer ?? { action: 'cancel' };
    });
  if (person.modern) {
    const handler = createMcpHandler(makeServer);
    const fetch = (url: URL | string, init?: RequestInit) => handler.fetch(new Request(url, init));
    await client.connect(new StreamableHTTPClientTransport(new URL('http://letters.test/mcp'), { fetch }));
  } else {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await makeServer().connect(serverSide);
    await client.connect(clientSide);
  }
  return { client, projectId, before, forms };
}

describe('asking before an export spends credits', () => {
  it('a client that shows forms gets a yes/no form with the cost; nothing is spent until the person says yes', async () => {
    const { client, projectId, before, forms } = await setUp({
      name: 'Visual Studio Code',
      forms: true,
      answer: { action: 'accept', content: { spend: true } },
    });
    try {
      const done = await callTool(client, 'export_video', { project_id: projectId });
      expect(forms).toHaveLength(1);
      expect(forms[0]!.request.message).toBe(
        `Exporting this video letter on NemoVideo uses ${COST} credits (${before} available). Nothing has been started yet: export it?`,
      );
      expect(forms[0]!.request).toMatchObject({
        mode: 'form',
        requestedSchema: { properties: { spend: { type: 'boolean', default: false } }, required: ['spend'] },
      });
      expect(forms[0]!.creditsThen).toBe(before);
      expect(forms[0]!.rendersThen).toBe(0);
      expect(toolText(done)).toMatch(/^The video letter is ready: /);
      expect(renderStarts(fake)).toHaveLength(1);
      expect(fake.credits()).toBe(before - COST);
    } finally {
      await client.close();
    }
  });

  it('a "no" in the form exports nothing and says so', async () => {
    const { client, projectId, before, forms } = await setUp({
      forms: true,
      setting: 'elicitation',
      answer: { action: 'decline' },
    });
    try {
      const declined = await callTool(client, 'export_video', { project_id: projectId });
      expect(forms).toHaveLength(1);
      expect(declined.structuredContent).toMatchObject({ status: 'confirm', cost: COST, declined: true });
      expect(toolText(declined)).toBe(
        `The person chose not to spend ${COST} credits, so nothing was exported. Call export_video with confirm: true only if they change their mind.`,
      );
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('leaving the box unticked is a no too', async () => {
    const { client, projectId, before } = await setUp({
      forms: true,
      setting: 'elicitation',
      answer: { action: 'accept', content: { spend: false } },
    });
    try {
      const declined = await callTool(client, 'export_video', { project_id: projectId });
      expect(declined.structuredContent).toMatchObject({ status: 'confirm', declined: true });
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('a dismissed form falls back to the two-step answer, and confirm: true then exports', async () => {
    const { client, projectId, before, forms } = await setUp({ forms: true, setting: 'elicitation' });
    try {
      const asked = await callTool(client, 'export_video', { project_id: projectId });
      expect(forms).toHaveLength(1);
      expect(asked.structuredContent).toMatchObject({ status: 'confirm', cost: COST });
      expect(asked.structuredContent).not.toHaveProperty('declined');
      expect(toolText(asked)).toContain('call export_video again with confirm: true');
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
      await callTool(client, 'export_video', { project_id: projectId, confirm: true });
      expect(renderStarts(fake)).toHaveLength(1);
      expect(forms).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('a client that declares forms but is not known to show them (Claude Desktop) gets the two-step answer, no form', async () => {
    const { client, projectId, before, forms } = await setUp({ name: 'claude-ai', forms: true });
    try {
      const asked = await callTool(client, 'export_video', { project_id: projectId });
      expect(forms).toHaveLength(0);
      expect(toolText(asked)).toBe(
        `Exporting this letter on NemoVideo costs ${COST} credits (${before} available), so nothing was started yet. If the person agrees, call export_video again with confirm: true.`,
      );
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
      const done = await callTool(client, 'export_video', { project_id: projectId, confirm: true });
      expect(toolText(done)).toMatch(/^The video letter is ready: /);
      expect(fake.credits()).toBe(before - COST);
    } finally {
      await client.close();
    }
  });

  it('a client without elicitation gets the two-step answer even when forms are preferred', async () => {
    const { client, projectId, before } = await setUp({ setting: 'elicitation' });
    try {
      const asked = await callTool(client, 'export_video', { project_id: projectId });
      expect(asked.structuredContent).toMatchObject({ status: 'confirm', cost: COST, available: before });
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
    } finally {
      await client.close();
    }
  });
});

describe('asking a 2026-07-28 client, by multi round-trip input', () => {
  it('the call comes back with the form; nothing is spent until the retried call says yes', async () => {
    const { client, projectId, before, forms } = await setUp({
      modern: true,
      name: 'claude-ai',
      forms: true,
      answer: { action: 'accept', content: { spend: true } },
    });
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const done = await callTool(client, 'export_video', { project_id: projectId });
      expect(forms).toHaveLength(1);
      expect(forms[0]!.request.message).toBe(
        `Exporting this video letter on NemoVideo uses ${COST} credits (${before} available). Nothing has been started yet: export it?`,
      );
      expect(forms[0]!.creditsThen).toBe(before);
      expect(forms[0]!.rendersThen).toBe(0);
      expect(toolText(done)).toMatch(/^The video letter is ready: /);
      expect(renderStarts(fake)).toHaveLength(1);
      expect(fake.credits()).toBe(before - COST);
    } finally {
      await client.close();
    }
  });

  it('a "no" exports nothing and says so', async () => {
    const { client, projectId, before, forms } = await setUp({
      modern: true,
      forms: true,
      answer: { action: 'decline' },
    });
    try {
      const declined = await callTool(client, 'export_video', { project_id: projectId });
      expect(forms).toHaveLength(1);
      expect(declined.structuredContent).toMatchObject({ status: 'confirm', cost: COST, declined: true });
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('a 2026 client without elicitation gets the two-step answer, and confirm: true then exports', async () => {
    const { client, projectId, before } = await setUp({ modern: true });
    try {
      const asked = await callTool(client, 'export_video', { project_id: projectId });
      expect(asked.structuredContent).toMatchObject({ status: 'confirm', cost: COST, available: before });
      expect(renderStarts(fake)).toHaveLength(0);
      expect(fake.credits()).toBe(before);
      await callTool(client, 'export_video', { project_id: projectId, confirm: true });
      expect(renderStarts(fake)).toHaveLength(1);
      expect(fake.credits()).toBe(before - COST);
    } finally {
      await client.close();
    }
  });
});

describe('how the person is asked', () => {
  const vsCode = { name: 'Visual Studio Code', version: '1.107.0' };
  const claudeDesktop = { name: 'claude-ai', version: '0.1.0' };
  const forms = { elicitation: { form: {} } };
  const urlOnly = { elicitation: { url: {} } };

  it.each([
    ['auto', forms, vsCode, 'elicitation'],
    ['auto', forms, claudeDesktop, 'two-step'],
    ['auto', {}, vsCode, 'two-step'],
    ['elicitation', forms, claudeDesktop, 'elicitation'],
    ['elicitation', urlOnly, vsCode, 'two-step'],
    ['elicitation', {}, vsCode, 'two-step'],
    ['two-step', forms, vsCode, 'two-step'],
  ] as const)('setting %s, capabilities %j, client %j: %s', (setting, capabilities, info, way) => {
    expect(howToAsk({ capabilities, info }, setting)).toBe(way);
  });

  it.each([
    ['auto', forms, claudeDesktop, 'input-required'],
    ['elicitation', { elicitation: {} }, vsCode, 'input-required'],
    ['auto', {}, vsCode, 'two-step'],
    ['two-step', forms, vsCode, 'two-step'],
  ] as const)('2026-07-28, setting %s, capabilities %j, client %j: %s', (setting, capabilities, info, way) => {
    expect(howToAsk({ capabilities, info, modern: true }, setting)).toBe(way);
  });
});
