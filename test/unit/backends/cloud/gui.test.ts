import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { Backend } from '../../../../src/core/backend.js';
import { callTool, toolText } from '../../../../src/dev/client/calls.js';
import { createCloudBackend } from '../../../../src/backends/cloud/cloud.js';
import type { Config } from '../../../../src/config.js';
import { createServer } from '../../../../src/mcp/server.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { PNG_1x1, tempDir, testConfig } from '../../../helpers/cloud/fixtures.js';
import { captureLogger } from '../../../helpers/cloud/msw-bridge.js';

/**
 * The seed's GUI table, row by row, in English and Chinese: NemoVideo's agent answers as if the
 * person had its web editor, and the server does what the sentence asks through the API instead.
 * The MCP server runs in this process with the cloud backend talking over HTTP to the local fake;
 * each test checks the call the fake recorded and the words the person read.
 */
let fake: FakeNemo;
let backend: Backend;
let config: Config;
let client: Client;

beforeAll(async () => {
  fake = await startFakeNemo({ heartbeatEveryMs: 5 });
  config = testConfig(fake.url);
  const { logger } = captureLogger();
  backend = createCloudBackend(config, logger, { clientIdFile: path.join(config.home, 'client_id') });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServer({ backend, log: logger }).connect(serverSide);
  client = new Client({ name: 'gui-tests', version: '1.0.0' });
  await client.connect(clientSide);
});
afterEach(() => {
  expect(fake.handlerErrors.splice(0).map((e) => e.message)).toEqual([]);
});
afterAll(async () => {
  // The storage host served every download and never saw a token.
  expect(fake.storageRequests.length).toBeGreaterThan(0);
  expect(fake.storageRequests.filter((r) => r.authorization !== undefined)).toEqual([]);
  await client?.close();
  await backend?.close();
  await fake?.close();
});

async function call(
  name: string,
  args: Record<string, unknown>,
): Promise<{ text: string; structured: Record<string, unknown> }> {
  const r = await callTool(client, name, args);
  expect(r.isError).toBeFalsy();
  return { text: toolText(r), structured: r.structuredContent as Record<string, unknown> };
}

/** A new letter with two photos (mom.png, then sunset.png); in Chinese it starts with the message. */
async function newLetter(language: 'en' | 'zh'): Promise<string> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'letter.txt'), '亲爱的妈妈，生日快乐！');
  writeFileSync(path.join(dir, 'mom.png'), PNG_1x1);
  writeFileSync(path.join(dir, 'sunset.png'), PNG_1x1);
  let projectId: string | undefined;
  for (const name of [...(language === 'zh' ? ['letter.txt'] : []), 'mom.png', 'sunset.png']) {
    const r = await call('upload_media', { path: path.join(dir, name), ...(projectId && { project_id: projectId }) });
    projectId ??= r.structured.project_id as string;
  }
  // The session speaks the person's language: the Chinese message made it zh.
  expect(fake.sessionLanguages.at(-1)).toBe(language);
  return projectId!;
}

/** The agent answers the person's request with `agentSays`; returns what the person read and the fake's new requests. */
async function askWhileAgentSays(projectId: string, instruction: string, agentSays: string) {
  const from = fake.requests.length;
  const chatsFrom = fake.chats.length;
  fake.say(agentSays);
  const { text } = await call('generate_letter', { project_id: projectId, instruction });
  const requests = fake.requests
    .slice(from)
    .map((r) => `${r.method} ${r.path.replace(/sess_\w+|render_[\w-]+/g, ':id')}`);
  return { text, requests, chats: fake.chats.slice(chatsFrom).map((c) => c.text) };
}

describe('"click [button]" / 点击: the button is pressed through the API', () => {
  it('English: "Click [Vertical]" sends the button to the agent and the person sees the change', async () => {
    const projectId = await newLetter('en');
    const { text, chats, requests } = await askWhileAgentSays(
      projectId,
      'Make a letter for mom',
      'Your letter is ready. Click [Vertical] to make it fit a phone screen.',
    );
    expect(chats).toEqual(['Make a letter for mom', 'Vertical']);
    expect(requests.filter((r) => r === 'POST /run_sse')).toHaveLength(2);
    expect(text).toContain(
      'Your letter is ready. I asked NemoVideo to do that for you ("Vertical"). Your video letter is ready with photos, warm music and a title. What changed: Aspect set to 9:16 (vertical).',
    );
    expect(text).not.toMatch(/click/i);
  });

  it('Chinese: "点击「竖屏」按钮" sends the button to the agent and the person sees the change', async () => {
    const projectId = await newLetter('zh');
    const { text, chats } = await askWhileAgentSays(
      projectId,
      '给妈妈做一封视频信',
      '视频信已完成。点击「竖屏」按钮，适合手机观看。',
    );
    expect(chats.at(-1)).toBe('竖屏');
    expect(chats[0]).toMatch(/^给妈妈做一封视频信\nThe letter's message: "亲爱的妈妈，生日快乐！"/);
    expect(text).toContain('视频信已完成。 I asked NemoVideo to do that for you ("竖屏").');
    expect(text).toContain('What changed: Aspect set to 9:16 (vertical).');
    expect(text).not.toContain('点击');
  });

  it('English and Chinese: a "Credits" / 「积分」 button reads the balance', async () => {
    const projectId = await newLetter('en');
    for (const agentSays of ['Done. Click the Credits button to see what is left.', '完成了。点击「积分」查看剩余。']) {
      const { text, requests } = await askWhileAgentSays(projectId, 'Add a title', agentSays);
      expect(requests).toContain('GET /api/credits/balance/simple');
      expect(text).toContain(`NemoVideo credits: ${fake.credits()} available, 100 in total.`);
    }
  });
});

describe('"Export button" / 导出: the export workflow runs', () => {
  it.each([
    ['en', 'Make a letter for mom', 'All done. Click the Export button to download your letter.', 'All done.'],
    ['zh', '给妈妈做一封视频信', '视频信已完成！点击导出按钮下载。', '视频信已完成！'],
  ] as const)(
    '%s: the render is started, polled and downloaded, and the person gets the file',
    async (language, instruction, agentSays, kept) => {
      const projectId = await newLetter(language);
      const storageFrom = fake.storageRequests.length;
      const { text, requests } = await askWhileAgentSays(projectId, instruction, agentSays);
      expect(requests).toContain('POST /api/render/proxy/lambda');
      expect(requests).toContain('GET /api/render/proxy/lambda/:id');
      // The link redirects on the storage host; both hops were fetched, neither with a token.
      expect(
        fake.storageRequests.slice(storageFrom).map((r) => [r.path.replace(/render_[\w-]+/, ':id'), r.authorization]),
      ).toEqual([
        ['/links/:id', undefined],
        ['/objects/:id.mp4', undefined],
      ]);
      const file = /I exported the letter for you: (\S+\.mp4) \(320x240, 1\.0 s\)\./.exec(text)?.[1];
      expect(text.startsWith(`${kept} I exported the letter for you: `)).toBe(true);
      expect(file && existsSync(file)).toBe(true);
      expect(path.dirname(file!)).toBe(config.outputDir);
      const state = await call('get_state', { project_id: projectId });
      expect(state.structured.last_export).toMatchObject({ path: file });
    },
  );
});

describe('"drag/drop" / 拖拽: the move is sent through the chat as an edit', () => {
  it.each([
    [
      'en',
      'Make a letter for mom',
      'I put your photos in order. Drag sunset.png to the start of the timeline.',
      'Move sunset.png to the start of the timeline.',
    ],
    ['zh', '给妈妈做一封视频信', '照片已排好。请把sunset.png拖拽到开头。', '把sunset.png移动到开头。'],
  ] as const)(
    '%s: the agent gets the move in words and the person sees the new order',
    async (language, instruction, agentSays, move) => {
      const projectId = await newLetter(language);
      const { text, chats, requests } = await askWhileAgentSays(projectId, instruction, agentSays);
      expect(chats.at(-1)).toBe(move);
      expect(requests.filter((r) => r === 'POST /run_sse')).toHaveLength(2);
      expect(text).toContain(`I asked NemoVideo to do that for you ("${move}").`);
      expect(text).toContain(
        'What changed: Video changed: 2 items (sunset.png, mom.png) 0-8s (was 2 items (mom.png, sunset.png) 0-8s).',
      );
      expect(text).not.toMatch(/drag|拖拽/i);
    },
  );
});

describe('"open [panel]" / 打开: the session state is queried and shown', () => {
  it.each([
    [
      'en',
      'Make a letter for mom',
      'Your letter is ready. Open the timeline to check the order.',
      'Your letter is ready.',
    ],
    ['zh', '给妈妈做一封视频信', '视频信已完成。打开时间线查看顺序。', '视频信已完成。'],
  ] as const)(
    '%s: "open the timeline" shows the tracks and the files',
    async (language, instruction, agentSays, kept) => {
      const projectId = await newLetter(language);
      const { text, requests } = await askWhileAgentSays(projectId, instruction, agentSays);
      expect(requests.slice(requests.indexOf('POST /run_sse'))).toContain('GET /api/state/nemo_agent/me/:id/latest');
      expect(text).toContain(
        `${kept} Here is the letter now: Timeline (3 tracks): 1. Video: 2 photos (0-8s) 2. BGM: Warm (0-8s, 35%) 3. Title: "A letter for you" (0-3s) Files: mom.png, sunset.png.`,
      );
      expect(text).not.toMatch(/Open the timeline|打开/);
    },
  );
});

describe('hints, tips, conditions and the future are shown, never acted on', () => {
  it.each([
    ['en', 'Make a letter for mom', 'Your letter is ready. Tip: you can drag photos to reorder them.'],
    ['en', 'Make a letter for mom', 'Done! Once you are happy, click the Export button. Tap a photo to see it.'],
    [
      'en',
      'Make a letter for mom',
      'Done. You will be able to open the timeline later. If you like, click [Vertical].',
    ],
    ['zh', '给妈妈做一封视频信', '视频信已完成。视频导出后可以发给家人。'],
    ['zh', '给妈妈做一封视频信', '完成了。提示：可以拖拽照片调整顺序。如果想要竖屏，点击「竖屏」按钮。'],
  ] as const)(
    '%s: "%s" → one chat message, one credit, no render; the person reads the hint',
    async (language, instruction, agentSays) => {
      const projectId = await newLetter(language);
      const creditsBefore = fake.credits();
      const { text, chats, requests } = await askWhileAgentSays(projectId, instruction, agentSays);
      expect(chats).toHaveLength(1);
      expect(fake.credits()).toBe(creditsBefore - 1);
      expect(requests.filter((r) => r.startsWith('POST /api/render'))).toEqual([]);
      expect(text).toContain(agentSays);
      expect(text).not.toMatch(/I asked NemoVideo|exported/);
    },
  );
});
