import { beforeEach, describe, expect, it } from 'vitest';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { chatsSince, fakeBackendsPerTest, photo } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/** The session speaks the person's language: their words decide, never a file's name. */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);

beforeEach(async () => {
  fake = await startFakeNemo({ heartbeatEveryMs: 1 });
});

describe("the session's language", () => {
  it('a Chinese file name does not make the session Chinese, nor an English one English', async () => {
    const backend = backends.make();
    await backend.upload({ path: photo('妈妈的生日.png') }, context());
    expect(fake.sessionLanguages).toEqual(['en']);
  });

  it('the first instruction, in Chinese, reopens the still-unedited session in Chinese with the photos; one chat, one credit', async () => {
    const backend = backends.make();
    const { projectId } = await backend.upload({ path: photo('IMG_2041.png') }, context());
    await backend.upload({ projectId, path: photo('IMG_2042.png') }, context());
    const credits = fake.credits();
    const r = await backend.generate(projectId, { instruction: '给妈妈做一封视频信' }, context());
    expect(fake.sessionLanguages).toEqual(['en', 'zh']);
    const zhSession = fake.chats.at(-1)!.sessionId;
    expect(fake.uploads.filter((u) => u.sessionId === zhSession).map((u) => u.name)).toEqual([
      'IMG_2041.png',
      'IMG_2042.png',
    ]);
    expect(chatsSince(fake, 0)).toEqual(['给妈妈做一封视频信']);
    expect(fake.credits()).toBe(credits - 1);
    expect(r.summary).toMatch(/^Timeline \(3 tracks\): 1\. Video: 2 photos/);
    expect(r.reply).not.toMatch(/lost|could not be attached/);
  });

  it('after the first edit the session keeps its language (the API cannot change it), and a later session opens in the new one', async () => {
    const backend = backends.make();
    const { projectId } = await backend.upload({ path: photo() }, context());
    await backend.generate(projectId, { instruction: 'Make a letter for grandma' }, context());
    await backend.generate(projectId, { instruction: '改成竖屏' }, context());
    expect(fake.sessionLanguages).toEqual(['en']);
    expect(fake.chats.map((c) => c.sessionId)).toEqual([fake.chats[0]!.sessionId, fake.chats[0]!.sessionId]);
    // NemoVideo loses the session: the new one speaks the person's latest language.
    fake.loseSessions();
    await backend.generate(projectId, { instruction: '加上标题' }, context());
    expect(fake.sessionLanguages).toEqual(['en', 'zh']);
  });
});
