import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../../src/core/backend.js';
import type { CloudDeps } from '../../../../src/backends/cloud/cloud.js';
import { EditOperation, type EditOperationInput } from '../../../../src/core/timeline/operations.js';
import { startFakeNemo, type FakeNemo } from '../../../helpers/cloud/fake-nemo.js';
import { chatsSince, fakeBackendsPerTest, photo, renderStarts } from '../../../helpers/cloud/fake-backend.js';
import { context } from '../../../helpers/cloud/fixtures.js';

/**
 * generate_letter's `edits` in the cloud: NemoVideo's agent gets them as words, in one chat turn
 * per call (one credit), and the reply says for each whether NemoVideo's timeline shows it done.
 */
let fake: FakeNemo;
const backends = fakeBackendsPerTest(() => fake);

beforeEach(async () => {
  fake = await startFakeNemo({ heartbeatEveryMs: 1 });
});

const edits = (...ops: EditOperationInput[]) => ops.map((o) => EditOperation.parse(o));

/** A letter of three photos, already made once (in the language of `first`). */
async function letter(
  first = 'Make a letter for grandma',
  deps: CloudDeps = {},
): Promise<{ backend: Backend; projectId: string }> {
  const backend = backends.make({}, deps);
  const { projectId } = await backend.upload({ path: photo('beach.png') }, context());
  await backend.upload({ projectId, path: photo('cake.png') }, context());
  await backend.upload({ projectId, path: photo('dog.png') }, context());
  await backend.generate(projectId, { instruction: first }, context());
  return { backend, projectId };
}

const labels = (r: { timeline: { tracks: { role: string; segments: { label: string }[] }[] } }) =>
  r.timeline.tracks.find((t) => t.role === 'video')?.segments.map((s) => s.label);

describe('edits sent to NemoVideo', () => {
  it('words: a new title is one chat message, one credit, no render, and the reply says the title card shows it', async () => {
    const { backend, projectId } = await letter();
    const [sent, credits] = [fake.chats.length, fake.credits()];
    const r = await backend.generate(
      projectId,
      { edits: edits({ op: 'title', text: 'Happy 80th, Grandma' }) },
      context(),
    );
    expect(chatsSince(fake, sent)).toEqual(['Set the title card to "Happy 80th, Grandma".']);
    expect(fake.credits()).toBe(credits - 1);
    expect(renderStarts(fake)).toEqual([]);
    expect(r.reply).toContain('Done: Set the title card to "Happy 80th, Grandma". NemoVideo\'s timeline shows it.');
  });

  it('moments: removing a photo by position and swapping two by file name go in one message, and both are confirmed', async () => {
    const { backend, projectId } = await letter();
    const [sent, credits] = [fake.chats.length, fake.credits()];
    const r = await backend.generate(
      projectId,
      {
        edits: edits(
          { op: 'remove', moment: { position: 2 } },
          { op: 'swap', a: { file: 'beach' }, b: { file: 'dog.png' } },
        ),
      },
      context(),
    );
    expect(chatsSince(fake, sent)).toEqual([
      'Remove "cake.png" from the video.\nSwap the places of "beach.png" and "dog.png".',
    ]);
    expect(fake.credits()).toBe(credits - 1);
    expect(labels(r)).toEqual(['dog.png', 'beach.png']);
    expect(r.reply).toContain('Done: Remove "cake.png" from the video.');
    expect(r.reply).toContain('Done: Swap the places of "beach.png" and "dog.png".');
  });

  it('sound: music "ten points softer" is sent as the volume it comes to (35% -> 25%) and confirmed from the music track', async () => {
    const { backend, projectId } = await letter();
    const sent = fake.chats.length;
    const r = await backend.generate(projectId, { edits: edits({ op: 'music_level', change: 'softer' }) }, context());
    expect(chatsSince(fake, sent)).toEqual(['Set the background music volume to 25%.']);
    expect(r.summary).toContain('25%');
    expect(r.reply).toContain('Done: Set the background music volume to 25%.');
  });

  it('sound: a level NemoVideo did not apply is said as not confirmed, never as done', async () => {
    const { backend, projectId } = await letter();
    fake.say('');
    const r = await backend.generate(projectId, { edits: edits({ op: 'voice_level', to: 1.5 }) }, context());
    expect(r.reply).not.toMatch(/Done: Set my voice/);
    expect(r.reply).toMatch(/not confirmed: Set my voice recording volume to 150%\./i);
  });

  it('look: the aspect is sent with the fields in one message and confirmed; a fade is sent but said as not confirmable', async () => {
    const { backend, projectId } = await letter();
    const [sent, credits] = [fake.chats.length, fake.credits()];
    const r = await backend.generate(
      projectId,
      { instruction: 'warmer please', edits: edits({ op: 'aspect', aspect: '9:16' }, { op: 'fade', at: 'end' }) },
      context(),
    );
    expect(chatsSince(fake, sent)).toEqual(['warmer please\nAspect ratio 9:16 (vertical).\nFade to black at the end.']);
    expect(fake.credits()).toBe(credits - 1);
    expect(r.timeline.aspect).toBe('9:16');
    expect(r.reply).toContain('Done: Aspect ratio 9:16 (vertical).');
    expect(r.reply).toContain(
      "Sent, not confirmed: Fade to black at the end. NemoVideo's timeline does not record this kind of change",
    );
  });

  it('an exact focus point NemoVideo cannot set refuses the whole list by name: nothing sent, no credit spent', async () => {
    const { backend, projectId } = await letter();
    const [sent, credits] = [fake.chats.length, fake.credits()];
    const r = await backend.generate(
      projectId,
      { edits: edits({ op: 'title', text: 'Hi' }, { op: 'focus', moment: { position: 1 }, x: 0.5, y: 0.2 }) },
      context(),
    );
    expect(chatsSince(fake, sent)).toEqual([]);
    expect(fake.credits()).toBe(credits);
    expect(r.changes).toEqual([]);
    expect(r.reply).toMatch(/Nothing was sent to NemoVideo and no credit was spent/);
    expect(r.reply).toContain('"focus" (edit 2): NemoVideo\'s editor has no control for an exact focus point');
  });

  it('a moment the letter does not have refuses the list and lists the moments there are', async () => {
    const { backend, projectId } = await letter();
    const sent = fake.chats.length;
    const r = await backend.generate(projectId, { edits: edits({ op: 'remove', moment: { position: 7 } }) }, context());
    expect(chatsSince(fake, sent)).toEqual([]);
    expect(r.reply).toContain(
      "There is no moment at position 7: NemoVideo's letter has 3 (beach.png, cake.png, dog.png).",
    );
  });

  it('a connection dropped after the edits were sent never sends them again; the state confirms them', async () => {
    const { backend, projectId } = await letter(undefined, {
      timeouts: { connectMs: 2000, headersMs: 300, bodyMs: 2000 },
      recoveryWaitMs: 20,
    });
    const [sent, credits] = [fake.chats.length, fake.credits()];
    fake.dropNextChat('reset');
    const r = await backend.generate(projectId, { edits: edits({ op: 'aspect', aspect: '9:16' }) }, context());
    expect(chatsSince(fake, sent)).toEqual(['Aspect ratio 9:16 (vertical).']);
    expect(fake.credits()).toBe(credits - 1);
    expect(r.reply).toMatch(/so it was not sent again/);
    expect(r.reply).toContain("Done: Aspect ratio 9:16 (vertical). NemoVideo's timeline shows it.");
  });

  it('a Chinese session gets the edits in Chinese', async () => {
    const { backend, projectId } = await letter('给奶奶做一封视频信');
    expect(fake.sessionLanguages.at(-1)).toBe('zh');
    const sent = fake.chats.length;
    const r = await backend.generate(
      projectId,
      { edits: edits({ op: 'title', text: '奶奶生日快乐' }, { op: 'remove', moment: { file: 'cake' } }) },
      context(),
    );
    expect(chatsSince(fake, sent)).toEqual(['把标题卡改为“奶奶生日快乐”。\n把“cake.png”从视频中删除。']);
    expect(labels(r)).toEqual(['beach.png', 'dog.png']);
    expect(r.reply).toContain('Done: Set the title card to "奶奶生日快乐".');
  });
});
