import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../src/core/timeline/model.js';
import { writeTestClip } from '../../src/dev/test-media.js';
import { makeAudio } from '../helpers/audio.js';
import { FFMPEG } from '../helpers/binaries.js';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';

/** The letter the held-out requests are judged on: three photos, a clip, a message file and a voice recording. */
const { home, call, server } = serverForFile({}, 'vl-plain-');
let projectId: string;

type Made = { changes: string[]; reply: string; timeline: Timeline };
const say = async (instruction: string) => {
  const r = await call('generate_letter', { project_id: projectId, instruction });
  expect(r.isError, text(r)).toBeFalsy();
  return structured<Made>(r);
};
const state = async () =>
  structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId })).timeline;
const track = (t: Timeline, role: string) => t.tracks.find((k) => k.role === role)?.segments ?? [];

beforeAll(async () => {
  const clip = path.join(home, 'party.mp4');
  await writeTestClip(FFMPEG, clip, { seconds: 4, toneHz: 330 });
  const memo = path.join(home, 'voice-memo.wav');
  await makeAudio(memo, "aevalsrc=exprs='0.2*sin(2*PI*220*t)*gte(sin(2*PI*3*t)\\,0)':s=48000", 5);
  const message = path.join(home, 'letter.txt');
  await fs.writeFile(
    message,
    'Dear Grandma,\nHappy birthday! We miss you so much.\n🎂\nSee you soon!\nWith all my love,\nLena\n',
  );
  projectId = structured<{ project_id: string }>(
    await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') }),
  ).project_id;
  for (const file of [path.join(SAMPLES, 'sunset.jpg'), path.join(SAMPLES, 'mountains.jpg'), clip, message, memo])
    expect((await call('upload_media', { project_id: projectId, path: file })).isError).toBeFalsy();
});

describe('plain-language edits through generate_letter, judged on get_state', () => {
  it("the seed's own request builds the letter, the salutation and sign-off on the cards", async () => {
    const r = await say('turn my written message and photos into a heartfelt video letter with background music');
    expect(r.reply).not.toMatch(/not understood|did not recognise/);
    const t = await state();
    expect(track(t, 'title')[0]?.text).toBe('Dear Grandma');
    expect(track(t, 'closing')[0]?.text).toBe('With all my love,\nLena');
    expect(track(t, 'message').map((s) => s.text)).toEqual([
      'Happy birthday!',
      'We miss you so much. 🎂',
      'See you soon!',
    ]);
    expect(track(t, 'music')).toHaveLength(1);
  });

  it('two wishes in one sentence: a swap and a caption on the photo named, where it now plays', async () => {
    const r = await say("swap the first two photos and put 'our first home' on the sunset one");
    expect(r.reply.split('\n')).toHaveLength(2);
    const t = await state();
    const shots = track(t, 'video');
    expect(shots.map((s) => s.label)).toEqual(['sunset.jpg', 'friends.jpg', 'mountains.jpg', 'party.mp4']);
    const caption = track(t, 'message').find((s) => s.text === 'our first home')!;
    expect(caption.start).toBeGreaterThanOrEqual(shots[0]!.start);
    expect(caption.end).toBeLessThanOrEqual(shots[0]!.end);
  });

  it('"make the voice louder than the music" makes the music softer, never louder', async () => {
    await say('make the voice louder than the music');
    expect(track(await state(), 'music')[0]?.volume).toBeCloseTo(0.25);
  });

  it('"only the first two seconds of the clip" trims it', async () => {
    await say('only the first two seconds of the clip');
    const clip = track(await state(), 'video').find((s) => s.label === 'party.mp4')!;
    expect(clip.end - clip.start).toBeLessThan(3);
  });

  it('a question, thanks and a two-way request change nothing; the reply names both readings', async () => {
    const before = await state();
    expect((await say('what music is this?')).changes).toEqual([]);
    expect((await say('it looks great, thanks!')).changes).toEqual([]);
    const longer = await say('make it longer');
    expect(longer.reply).toMatch(/could mean more than one thing.*\(1\) .*"op":"length".*\(2\) .*"op":"hold"/);
    expect(await state()).toEqual(before);
  });

  it('"标题改成 生日快乐" and "undo" through the same tool', async () => {
    await say('标题改成 生日快乐');
    expect(track(await state(), 'title')[0]?.text).toBe('生日快乐');
    await say('撤销');
    expect(track(await state(), 'title')[0]?.text).toBe('Dear Grandma');
  });
});

describe('the agent is taught the vocabulary', () => {
  it("by generate_letter's description and both prompts, with everyday examples", async () => {
    const { tools } = await server().client.listTools();
    const generate = tools.find((t) => t.name === 'generate_letter')!;
    expect(generate.description).toMatch(/make the voice louder than the music.*标题改成 生日快乐/);
    for (const [name, args] of [
      ['make_video_letter', { recipient: 'Grandma' }],
      ['refine_video_letter', { project_id: projectId }],
    ] as const) {
      const prompt = await server().client.getPrompt({ name, arguments: args });
      const words = prompt.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join(' ');
      expect(words).toMatch(/move the voice message to the end.*send it as generate_letter's edits/);
    }
  });
});
