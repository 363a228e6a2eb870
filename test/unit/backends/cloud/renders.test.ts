import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../../src/core/backend.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { fakeBackendsPerTest, photo } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/**
 * Renders are followed to their MP4 whatever else is exported meanwhile; a preview asks for a
 * lower quality than the final letter; a render that never ends is reported, not waited on forever.
 */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);

async function letter(backend: Backend): Promise<string> {
  const { projectId } = await backend.upload({ path: photo() }, context());
  await backend.generate(projectId, { instruction: 'Make a letter for mom' }, context());
  return projectId;
}

/** Waits (at most 5 s) until no render of the project is still running. */
async function settled(backend: Backend, projectId: string) {
  for (let i = 0; i < 250; i++) {
    const state = await backend.state(projectId);
    if (state.renders.every((r) => r.status !== 'rendering' && r.status !== 'queued')) return state;
    await sleep(20);
  }
  throw new Error('renders did not settle');
}

describe('each render is followed to its MP4', () => {
  it('an export after an edit starts a second render while the first keeps going; both MP4s are saved', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1, renderPolls: 5 });
    const backend = backends.make();
    const projectId = await letter(backend);
    const first = await backend.export(projectId, { quality: 'final', waitMs: 0 }, context());
    expect(first.status).toBe('rendering');
    await backend.generate(projectId, { instruction: 'Make it vertical' }, context());
    const second = await backend.export(projectId, { quality: 'final', waitMs: 0 }, context());
    expect(second.status).toBe('rendering');
    expect(fake.renders).toHaveLength(2);

    const state = await settled(backend, projectId);
    expect(state.renders.map((r) => r.status)).toEqual(['done', 'done']);
    const ids = fake.renders.map((r) => r.id);
    expect(fake.storageRequests.map((r) => r.path)).toEqual(
      expect.arrayContaining(ids.map((id) => `/objects/${id}.mp4`)),
    );
    for (const r of state.renders) expect(r.path && existsSync(r.path)).toBe(true);
    // The letter as it is now is the last export, and asking again returns it without a third render.
    expect(state.lastExport?.jobId).toBe(ids[1]);
    const again = await backend.export(projectId, { quality: 'final' }, context());
    expect(again).toMatchObject({ status: 'done', jobId: ids[1] });
    expect(fake.renders).toHaveLength(2);
  });

  it('two letters exported at once each get their own MP4', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1, renderPolls: 3 });
    const backend = backends.make();
    const [a, b] = [await letter(backend), await letter(backend)];
    await Promise.all([a, b].map((id) => backend.export(id, { quality: 'final', waitMs: 0 }, context())));
    for (const id of [a, b]) {
      const state = await settled(backend, id);
      expect(state.renders.map((r) => r.status)).toEqual(['done']);
      expect(state.lastExport?.path && existsSync(state.lastExport.path)).toBe(true);
    }
    expect(fake.renders).toHaveLength(2);
  });
});

describe('qualities and the render deadline', () => {
  it('a preview asks NemoVideo for "low", the final letter for "high", and each is its own render', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1 });
    const backend = backends.make();
    const projectId = await letter(backend);
    const preview = await backend.export(projectId, { quality: 'preview' }, context());
    const final = await backend.export(projectId, { quality: 'final' }, context());
    expect(fake.renders.map((r) => r.quality)).toEqual(['low', 'high']);
    expect(preview).toMatchObject({ status: 'done', quality: 'preview' });
    expect(final).toMatchObject({ status: 'done', quality: 'final' });
    // Asking for the preview again returns the preview, not a new render and not the final file.
    expect(await backend.export(projectId, { quality: 'preview' }, context())).toMatchObject({
      status: 'done',
      jobId: fake.renders[0]!.id,
    });
    expect(fake.renders).toHaveLength(2);
  });

  it('a render still running past the deadline is reported interrupted, and export_video follows it again', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1, renderPolls: Infinity });
    const backend = backends.make({}, { renderDeadlineMs: 150 });
    const projectId = await letter(backend);
    const r = await backend.export(projectId, { quality: 'final', waitMs: 3000 }, context());
    expect(r).toMatchObject({
      status: 'interrupted',
      message: expect.stringMatching(
        /^NemoVideo has been rendering render_[\w-]+ for more than 0 minutes, far longer than its usual 30-90 seconds, so this server stopped waiting\. Call export_video again/,
      ),
    });
    const again = await backend.export(projectId, { quality: 'final', waitMs: 0 }, context());
    expect(again).toMatchObject({ status: 'rendering', jobId: fake.renders[0]!.id });
    expect(fake.renders).toHaveLength(1);
  });
});
