import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeNemo, type ChatDrop, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { chatsSince, fakeBackendsPerTest, photo } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/**
 * A connection that fails after the edit was sent (a reset or a time-out before the answer's
 * headers, a stream cut short) is not "could not reach NemoVideo": the fake applied and charged
 * the edit. The state decides; the edit is never sent a second time, and the person is told.
 */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);

beforeEach(async () => {
  fake = await startFakeNemo({ heartbeatEveryMs: 1 });
});

describe('a connection lost after the edit was sent', () => {
  it.each<[ChatDrop, string]>([
    ['reset', 'reset before the response headers'],
    ['silence', 'no answer before the header time-out'],
    ['mid-stream', 'dropped in the middle of the stream'],
  ])('%s (%s): one chat message, one credit, the edit reported as applied', async (how) => {
    const backend = backends.make(
      {},
      { timeouts: { connectMs: 2000, headersMs: 300, bodyMs: 2000 }, recoveryWaitMs: 20 },
    );
    const { projectId } = await backend.upload({ path: photo() }, context());
    const credits = fake.credits();
    const from = fake.chats.length;
    fake.dropNextChat(how);
    const r = await backend.generate(projectId, { instruction: 'Make it vertical' }, context());
    expect(chatsSince(fake, from)).toEqual(['Make it vertical']);
    expect(fake.credits()).toBe(credits - 1);
    expect(r.reply).toMatch(
      /The connection to NemoVideo dropped after the request was sent, but the project shows NemoVideo applied it, so it was not sent again\. What changed: .*Aspect set to 9:16 \(vertical\)\./,
    );
    expect(r.timeline.aspect).toBe('9:16');
  });
});
