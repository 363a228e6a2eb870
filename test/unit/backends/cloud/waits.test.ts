import { describe, expect, it } from 'vitest';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { fakeBackendsPerTest, photo } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/** The waits a person lives through: a long edit says so in its reply; a rate-limit wait can be cancelled. */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);

describe('waits', () => {
  it('an edit that outlasts the "still working" interval says so in the reply, not only in progress', async () => {
    // Heartbeats every 40 ms against a 50 ms "still working" interval: the edit outlasts one.
    fake = await startFakeNemo({ heartbeatEveryMs: 40 });
    const backend = backends.make();
    const { projectId } = await backend.upload({ path: photo() }, context());
    const ctx = context();
    const r = await backend.generate(projectId, { instruction: 'Make a letter for mom' }, ctx);
    expect(ctx.seen.map((p) => p.message)).toContain('Still working: NemoVideo is editing the letter…');
    expect(r.reply).toMatch(/^Still working… NemoVideo took [\d.]+ s on this edit, and it is done now\. /);
  });

  it('the 30-second wait after HTTP 429 ends when the person cancels, and nothing is sent again', async () => {
    fake = await startFakeNemo({ heartbeatEveryMs: 1 });
    const backend = backends.make({}, { rateLimitWaitMs: 60_000 });
    const { projectId } = await backend.upload({ path: photo() }, context());
    fake.rateLimitNextChat();
    const cancel = new AbortController();
    const asked = Date.now();
    setTimeout(() => cancel.abort(), 200);
    await expect(
      backend.generate(projectId, { instruction: 'Make a letter for mom' }, context(cancel.signal)),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^The edit was cancelled/) });
    // Answered within a second of the cancel, not after the minute's wait; the fake saw one refused try.
    expect(Date.now() - asked).toBeLessThan(1200);
    expect(fake.requests.filter((r) => r.path === '/run_sse')).toHaveLength(1);
    expect(fake.chats).toHaveLength(0);
  });
});
