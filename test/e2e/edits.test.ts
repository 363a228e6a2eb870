import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../src/core/timeline/model.js';
import { makeAudio } from '../helpers/audio.js';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';

const { home, call } = serverForFile({}, 'vl-edits-');
let projectId: string;

const editLetter = async (instruction: string) => {
  const r = await call('generate_letter', { project_id: projectId, instruction });
  expect(r.isError, text(r)).toBeFalsy();
  return structured<{ changes: string[]; reply: string; summary: string; timeline: Timeline }>(r);
};
const track = (t: Timeline, role: string) => t.tracks.find((k) => k.role === role);
const photos = (t: Timeline) => track(t, 'video')!.segments.map((s) => s.label);

beforeAll(async () => {
  const memo = path.join(home, 'voice-memo.wav');
  await makeAudio(memo, "aevalsrc=exprs='0.2*sin(2*PI*220*t)*gte(sin(2*PI*3*t)\\,0)':s=48000", 6);
  const song = path.join(home, 'our-song.wav');
  await makeAudio(song, "aevalsrc=exprs='0.2*sin(2*PI*330*t)+0.15*sin(2*PI*440*t)':s=48000", 5);
  projectId = structured<{ project_id: string }>(
    await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') }),
  ).project_id;
  for (const file of ['sunset.jpg', 'mountains.jpg'])
    await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, file) });
  const voice = await call('upload_media', { project_id: projectId, path: memo });
  expect(text(voice)).toMatch(/^Stored voice recording "voice-memo\.wav"/);
  const music = await call('upload_media', { project_id: projectId, path: song, role: 'music' });
  expect(text(music)).toMatch(/^Stored music "our-song\.wav"/);
  await call('generate_letter', {
    project_id: projectId,
    title: 'Dear Mom',
    message: 'Thank you for everything. We love you!',
    closing: 'With love, Anna',
  });
});

describe('editing a letter by instruction, through the MCP tools', () => {
  it('starts with the voice after the title and the uploaded song as music', async () => {
    const state = structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId }));
    expect(track(state.timeline, 'voice')!.segments[0]).toMatchObject({ start: 3, label: 'voice-memo.wav' });
    expect(track(state.timeline, 'music')!.segments[0]).toMatchObject({ label: 'our-song.wav', volume: 0.35 });
  });

  it('"make it vertical and the music quieter" does both', async () => {
    const r = await editLetter('make it vertical and the music quieter');
    expect(r.changes).toEqual([
      'Aspect set to 9:16 (vertical).',
      'Music at 25% (was 35%), under the voice by the same amount throughout.',
    ]);
    expect(r.summary).toMatch(/BGM: our-song\.wav \([\d.-]+s, 25%\)/);
  });

  it('"put the mountains photo first" reorders by file name', async () => {
    expect(photos((await editLetter('put the mountains photo first')).timeline)).toEqual([
      'mountains.jpg',
      'friends.jpg',
      'sunset.jpg',
    ]);
  });

  it('"删除第二张" removes the second photo as now shown', async () => {
    expect(photos((await editLetter('删除第二张')).timeline)).toEqual(['mountains.jpg', 'sunset.jpg']);
  });

  it('"black and white", then "undo", puts the colour back', async () => {
    expect((await editLetter('black and white')).timeline.style).toBe('black-and-white');
    const undone = await editLetter('undo');
    expect(undone.changes[0]).toMatch(/^Undid the last edit \(Look set to black and white\.\)/);
    expect(undone.timeline.style).toBe('natural');
    expect(photos(undone.timeline)).toEqual(['mountains.jpg', 'sunset.jpg']);
  });

  it('an instruction it does not understand changes nothing and offers the closest edits', async () => {
    const before = structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId })).timeline;
    const r = await editLetter('make it pop');
    expect(r.changes).toEqual([]);
    expect(r.reply).toMatch(/"make it pop" was not understood, so nothing was changed for it\. Closest edits: \(1\)/);
    expect(r.timeline).toEqual(before);
  });

  it('"drop the voice recording" through video_letter, then the preview renders at 540x960 with the planned length', async () => {
    const routed = await call('video_letter', { project_id: projectId, request: 'drop the voice recording' });
    expect(structured(routed)).toMatchObject({ routed_to: 'generate_letter' });
    const { timeline } = structured<{ timeline: Timeline }>(await call('get_state', { project_id: projectId }));
    expect(track(timeline, 'voice')).toBeUndefined();
    const r = await call('export_video', { project_id: projectId, quality: 'preview' });
    expect(r.isError, text(r)).toBeFalsy();
    const video = await probeVideo(structured<{ path: string }>(r).path);
    expect(video).toMatchObject({ width: 540, height: 960 });
    expect(video.duration).toBeCloseTo(timeline.duration, 0);
  });
});
