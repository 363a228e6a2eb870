import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallOptions } from '../../../../src/dev/client/calls.js';
import { probeVideo } from '../../../helpers/media.js';
import { SAMPLES, startServer, structured, tempDir, text, type RunningServer } from '../../../helpers/server.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';

/**
 * The built server over stdio with VIDEO_LETTER_BACKEND=cloud, talking to the local fake of the
 * NemoVideo API: upload, generate, state, credits, export and download, as an MCP client sees them.
 */
let fake: FakeNemo;
let server: RunningServer;
let home: string;
let projectId: string;
const replies: string[] = [];

/** Calls a tool and keeps its result, so a failing test shows every reply it got. */
async function call(name: string, args: Record<string, unknown>, options?: CallOptions) {
  const r = await server.call(name, args, options);
  replies.push(JSON.stringify(r));
  return r;
}

beforeAll(async () => {
  fake = await startFakeNemo();
  home = tempDir('vl-cloud-e2e-');
  server = await startServer({
    VIDEO_LETTER_BACKEND: 'cloud',
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out'),
    // The client-id file goes under this HOME (~/.config/nemovideo/client_id), not the real one.
    HOME: home,
    NEMO_API_URL: fake.url,
    NEMO_WEB_URL: 'https://nemovideo.test',
    NEMO_POLL_SECONDS: '0.2',
    NEMO_HEARTBEAT_SECONDS: '0.05',
  });
});
// A request the fake could not answer is a failure of the test that made it, not a hang.
afterEach(() => {
  expect(fake.handlerErrors.splice(0).map((e) => e.message)).toEqual([]);
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('the cloud backend, end to end over stdio against a fake NemoVideo', () => {
  it('uploads photos as multipart and a message as text, creating one cloud session', async () => {
    const progress: string[] = [];
    const first = await call(
      'upload_media',
      { path: path.join(SAMPLES, 'friends.jpg') },
      { onProgress: (p) => progress.push(p.message ?? '') },
    );
    expect(first.isError).toBeFalsy();
    // The seed's automatic setup: a status while connecting, then "connected" once.
    expect(progress[0]).toBe('Setting things up…');
    expect(text(first)).toContain('Connected to NemoVideo and ready.');
    projectId = structured<{ project_id: string }>(first).project_id;
    expect(structured(first)).toMatchObject({ media: { kind: 'photo', format: 'jpg', file_name: 'friends.jpg' } });
    const second = await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'sunset.jpg') });
    expect(structured(second)).toMatchObject({ project_id: projectId, media: { kind: 'photo' } });
    const message = await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'message.txt') });
    expect(structured(message)).toMatchObject({ media: { kind: 'message' } });
    expect(fake.requests.filter((r) => r.path === '/api/tasks/me/with-session/nemo_agent')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.startsWith('/api/upload-video/'))).toHaveLength(2);
    const clientId = path.join(home, '.config', 'nemovideo', 'client_id');
    expect(statSync(clientId).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(clientId)).mode & 0o777).toBe(0o700);
  });

  it('refuses a file NemoVideo would refuse, before sending it', async () => {
    const before = fake.requests.length;
    const r = await call('upload_media', {
      project_id: projectId,
      file_name: 'notes.pdf',
      content_base64: Buffer.from('%PDF-1.4 test').toString('base64'),
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/notes\.pdf cannot be used.*Accepted: photos/);
    expect(fake.requests.length).toBe(before);
  });

  it("generates through the SSE chat: the agent's text, heartbeats as progress, tool calls hidden", async () => {
    const progress: string[] = [];
    const r = await call(
      'generate_letter',
      { project_id: projectId, title: 'Dear Mom' },
      { onProgress: (p) => progress.push(p.message ?? '') },
    );
    expect(r.isError).toBeFalsy();
    const out = structured<{ reply: string; summary: string; changes: string[] }>(r);
    // The edit outlasted the 50 ms "still working" interval, so the reply says so first.
    expect(out.reply).toMatch(
      /^Still working… NemoVideo took [\d.]+ s on this edit, and it is done now\. Your video letter is ready with photos, warm music and a title\.$/,
    );
    expect(out.summary).toBe(
      'Timeline (3 tracks): 1. Video: 2 photos (0-8s) 2. BGM: Warm (0-8s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
    expect(out.changes).toContain('Added BGM: Warm 0-8s, 35%.');
    expect(JSON.stringify(r)).not.toMatch(/functionCall|build_timeline/);
    expect(progress.filter((m) => m.startsWith('Still working')).length).toBeGreaterThanOrEqual(2);
  });

  it('summarizes the state when an edit ends without text', async () => {
    const r = await call('generate_letter', {
      project_id: projectId,
      instruction: 'Quietly make it vertical, aspect 9:16',
    });
    expect(r.isError).toBeFalsy();
    expect(structured<{ reply: string }>(r).reply).toMatch(
      /^(?:Still working… NemoVideo took [\d.]+ s on this edit, and it is done now\. )?NemoVideo applied the edit without a message\. What changed: Aspect set to 9:16 \(vertical\)\./,
    );
  });

  it('reports the state in the shared summary shape', async () => {
    const r = await call('get_state', { project_id: projectId });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toContain(
      'Timeline (3 tracks): 1. Video: 2 photos (0-8s) 2. BGM: Warm (0-8s, 35%) 3. Title: "Dear Mom" (0-3s)',
    );
  });

  it('reads the credits', async () => {
    const r = await call('get_credits', {});
    expect(r.isError).toBeFalsy();
    expect(structured(r)).toMatchObject({ available: 98, total: 100 });
  });

  it('sends exact edits as one chat message and says which the timeline shows; an edit NemoVideo cannot do sends nothing', async () => {
    const [chats, credits] = [fake.chats.length, fake.credits()];
    const refused = await call('generate_letter', {
      project_id: projectId,
      edits: [{ op: 'rotate', moment: { position: 1 }, turn: 90 }],
    });
    expect(structured<{ reply: string }>(refused).reply).toContain(
      'Nothing was sent to NemoVideo and no credit was spent',
    );
    expect([fake.chats.length, fake.credits()]).toEqual([chats, credits]);
    const r = await call('generate_letter', {
      project_id: projectId,
      edits: [
        { op: 'swap', a: { position: 1 }, b: { file: 'sunset' } },
        { op: 'title', text: 'Hello Mom' },
      ],
    });
    expect(fake.chats.slice(chats).map((c) => c.text)).toEqual([
      'Swap the places of "friends.jpg" and "sunset.jpg".\nSet the title card to "Hello Mom".',
    ]);
    expect(fake.credits()).toBe(credits - 1);
    const out = structured<{ reply: string; summary: string }>(r);
    expect(out.reply).toContain('Done: Swap the places of "friends.jpg" and "sunset.jpg".');
    expect(out.reply).toContain('Done: Set the title card to "Hello Mom".');
    expect(out.summary).toContain('Title: "Hello Mom"');
  });

  it('exports: starts the render, polls, downloads a real MP4 into the output folder', async () => {
    const r = await call('export_video', { project_id: projectId });
    expect(r.isError).toBeFalsy();
    const out = structured<{ status: string; path: string; job_id: string }>(r);
    expect(out.status).toBe('done');
    expect(out.job_id).toMatch(/^render_[0-9a-f-]{36}$/);
    expect(path.dirname(out.path)).toBe(path.join(home, 'out'));
    expect(existsSync(out.path)).toBe(true);
    const probed = await probeVideo(out.path);
    expect(probed).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', width: 320, height: 240 });
    expect(probed.duration).toBeGreaterThan(0.9);
    // Only the finished file: no temp file left beside it.
    expect(readdirSync(path.join(home, 'out'))).toEqual([path.basename(out.path)]);
    const state = await call('get_state', { project_id: projectId });
    expect(JSON.stringify(structured(state))).toContain(out.job_id);
  });

  it('sent the attribution headers on every request, the token only to the API, and never showed it', () => {
    expect(fake.missingAttribution).toEqual([]);
    expect(fake.tokens.length).toBe(1);
    const token = fake.tokens[0]!;
    // The MP4 came from the storage host (a redirect, then the file), which never saw the token.
    expect(fake.storageRequests.map((r) => r.path.replace(/render_[\w-]+/, ':id'))).toEqual([
      '/links/:id',
      '/objects/:id.mp4',
    ]);
    expect(fake.storageRequests.filter((r) => r.authorization !== undefined)).toEqual([]);
    expect(
      fake.requests
        .filter((r) => r.path !== '/api/auth/anonymous-token')
        .every((r) => r.authorization === `Bearer ${token}`),
    ).toBe(true);
    expect(server.stderr()).toContain('"backend":"cloud"');
    expect(server.stderr()).not.toContain(token);
    for (const reply of replies) expect(reply).not.toContain(token);
  });
});
