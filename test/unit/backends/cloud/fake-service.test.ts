import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../../src/core/backend.js';
import { createCloudBackend } from '../../../../src/backends/cloud/cloud.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { context, PNG_1x1, tempDir, testConfig } from '../../../helpers/cloud/fixtures.js';
import { captureLogger } from '../../../helpers/cloud/msw-bridge.js';

/**
 * The cloud backend against the local fake where it behaves as the seed says: the service's own
 * limits (credits, file checks, one free token a week, token expiry, lost sessions) and what the
 * person is told about each.
 */
const DAY = 24 * 3600_000;
let fake: FakeNemo;
const open: Backend[] = [];

async function start(options: Parameters<typeof startFakeNemo>[0] = {}) {
  fake = await startFakeNemo({ heartbeatEveryMs: 1, ...options });
}

function backendFor(env: Record<string, string> = {}): Backend {
  const config = testConfig(fake.url, env);
  const backend = createCloudBackend(config, captureLogger().logger, {
    clientIdFile: path.join(config.home, 'client_id'),
    // The seed's 30 s waits, shortened; the retries themselves stay.
    rateLimitWaitMs: 1,
    recoveryWaitMs: 1,
  });
  open.push(backend);
  return backend;
}

function photo(name = 'mom.png'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, PNG_1x1);
  return file;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  expect(fake.handlerErrors.splice(0).map((e) => e.message)).toEqual([]);
  // Whatever happened, the storage host never saw a token.
  expect(fake.storageRequests.filter((r) => r.authorization !== undefined)).toEqual([]);
  await fake.close();
});

describe('the fake NemoVideo, as the seed describes it', () => {
  it('spends a credit per edit until they run out, then gives anonymous users the registration link (2001)', async () => {
    await start({ credits: 2, editCost: 1 });
    const backend = backendFor();
    const { projectId } = await backend.upload({ path: photo() }, context());
    await backend.generate(projectId, { instruction: 'Make a letter' }, context());
    await backend.generate(projectId, { title: 'Dear Mom' }, context());
    expect((await backend.credits()).available).toBe(0);
    await expect(backend.generate(projectId, { title: 'Dear Dad' }, context())).rejects.toMatchObject({
      code: 'no_credits',
      message: expect.stringMatching(
        /^The free NemoVideo credits are used up\. Register at https:\/\/nemovideo\.test\?bind=task_sess_\w+ to keep this project/,
      ),
    });
  });

  it("when the agent's button costs the last credit it does not have, the edit stands and the person is told", async () => {
    await start({ credits: 1 });
    const backend = backendFor();
    const { projectId } = await backend.upload({ path: photo() }, context());
    fake.say('Your letter is ready. Click [Vertical] to fit a phone.');
    const r = await backend.generate(projectId, { instruction: 'Make a letter' }, context());
    expect(fake.chats.map((c) => c.text)).toEqual(['Make a letter', 'Vertical']);
    expect(r.reply).toMatch(
      /^Your letter is ready\. I asked NemoVideo to do that for you \("Vertical"\)\. It did not go through: The free NemoVideo credits are used up\. Register at https:\/\/nemovideo\.test\?bind=/,
    );
    expect(r.summary).toBe(
      'Timeline (3 tracks): 1. Video: 1 photo (0-4s) 2. BGM: Warm (0-4s, 35%) 3. Title: "A letter for you" (0-3s)',
    );
  });

  it('types uploads by their content: a PDF behind a .jpg link is 4001, a link over 200 MB is 4002', async () => {
    await start();
    const backend = backendFor();
    const { projectId } = await backend.upload({ path: photo() }, context());
    const pdf = fake.host('scan.jpg', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'));
    await expect(backend.upload({ projectId, url: pdf }, context())).rejects.toMatchObject({
      code: 'unsupported_file',
      message: expect.stringMatching(/does not accept this file type.*Supported formats: mp4, mov/),
    });
    const huge = fake.host('wedding.mp4', Buffer.alloc(1024), 250 * 1024 * 1024);
    await expect(backend.upload({ projectId, url: huge }, context())).rejects.toMatchObject({
      code: 'file_too_large',
      message: expect.stringMatching(/200 MB limit.*Compress it or trim it/),
    });
    const good = fake.host('dad.png', PNG_1x1);
    expect((await backend.upload({ projectId, url: good }, context())).media).toMatchObject({
      fileName: 'dad.png',
      kind: 'photo',
    });
    expect(fake.uploads.map((u) => [u.name, u.type])).toEqual([
      ['mom.png', 'image/png'],
      ['dad.png', 'image/png'],
    ]);
  });

  it('hands one free token per client id per 7 days: a second one is refused after one wait (429)', async () => {
    await start();
    await backendFor({ NEMO_CLIENT_ID: 'device-1' }).credits();
    // Another install on the same device id, without the first one's cached token.
    await expect(backendFor({ NEMO_CLIENT_ID: 'device-1' }).credits()).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/one per device every 7 days/),
    });
    expect(fake.requests.filter((r) => r.path === '/api/auth/anonymous-token')).toHaveLength(3);
    await backendFor({ NEMO_CLIENT_ID: 'device-2' }).credits();
    expect(fake.tokens).toHaveLength(2);
  });

  it('expires tokens after 7 days; the client gets a new one with the same client id and carries on', async () => {
    await start();
    const backend = backendFor({ NEMO_CLIENT_ID: 'device-1' });
    const { projectId } = await backend.upload({ path: photo() }, context());
    fake.advance(8 * DAY);
    const r = await backend.generate(projectId, { instruction: 'Make a letter' }, context());
    expect(r.summary).toMatch(/^Timeline \(3 tracks\)/);
    expect(fake.tokens).toHaveLength(2);
    const calls = fake.requests.filter(
      (x) => x.path === '/api/state/nemo_agent/me/' + fake.uploads[0]!.sessionId + '/latest',
    );
    expect(calls.map((c) => c.authorization)).toEqual([
      `Bearer ${fake.tokens[0]}`,
      `Bearer ${fake.tokens[1]}`,
      `Bearer ${fake.tokens[1]}`,
    ]);
  });

  it('after losing the session (1002), the letter goes on in a new one with the photos attached again', async () => {
    await start();
    const backend = backendFor();
    const { projectId } = await backend.upload({ path: photo('mom.png') }, context());
    await backend.upload({ projectId, path: photo('sunset.png') }, context());
    await backend.generate(projectId, { instruction: 'Make a letter' }, context());
    fake.loseSessions();
    const r = await backend.generate(projectId, { title: 'Dear Mom' }, context());
    expect(r.reply).toMatch(
      /^NemoVideo had lost this letter's editing session, so a new one was opened\. These files were attached to it again: mom\.png, sunset\.png\. Edits made before are not in the new session\./,
    );
    expect(r.summary).toBe(
      'Timeline (3 tracks): 1. Video: 2 photos (0-8s) 2. BGM: Warm (0-8s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
    const sessions = [...new Set(fake.uploads.map((u) => u.sessionId))];
    expect(sessions).toHaveLength(2);
    expect(fake.uploads.filter((u) => u.sessionId === sessions[1]).map((u) => u.name)).toEqual([
      'mom.png',
      'sunset.png',
    ]);
  });
});
