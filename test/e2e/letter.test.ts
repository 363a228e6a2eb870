import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';

const { call, server } = serverForFile();
let projectId: string;
let plannedDuration: number;

describe('a video letter, end to end over stdio', () => {
  it('lists the six tools, each with a title, an output schema and all four annotations', async () => {
    const { tools } = await server().client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'export_video',
      'generate_letter',
      'get_credits',
      'get_state',
      'upload_media',
      'video_letter',
    ]);
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(tool.outputSchema).toBeTruthy();
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual([
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
        'readOnlyHint',
      ]);
    }
  });

  it('stores three photos and a message, creating the project on the first upload', async () => {
    const first = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
    expect(first.isError).toBeFalsy();
    projectId = structured<{ project_id: string }>(first).project_id;
    expect(structured(first)).toMatchObject({ media: { kind: 'photo', format: 'jpg', file_name: 'friends.jpg' } });
    for (const file of ['sunset.jpg', 'mountains.jpg']) {
      const r = await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, file) });
      expect(structured(r)).toMatchObject({ project_id: projectId, media: { kind: 'photo' } });
    }
    const message = await call('upload_media', {
      project_id: projectId,
      file_name: 'message.txt',
      content_base64: Buffer.from('Dear Mom, thank you for everything. We love you!').toString('base64'),
    });
    expect(structured(message)).toMatchObject({
      media: { kind: 'message' },
      note: "The text became the letter's message.",
    });
  });

  it('generates a timeline with photos, music, title, message and closing', async () => {
    const r = await call('generate_letter', { project_id: projectId, title: 'Dear Mom', closing: 'With love, Anna' });
    expect(r.isError).toBeFalsy();
    const out = structured<{ summary: string; timeline: { duration: number } }>(r);
    expect(out.summary).toMatch(
      /^Timeline \(5 tracks\): 1\. Video: 3 photos \(0-[\d.]+s\) 2\. BGM: Warm \(0-[\d.]+s, 35%\) 3\. Title: "Dear Mom" \(0-3\.5s\)/,
    );
    plannedDuration = out.timeline.duration;
  });

  it('exports a 1920x1080 H.264 + AAC MP4 of the planned length, with progress notifications', async () => {
    const progress: number[] = [];
    const r = await call('export_video', { project_id: projectId }, { onProgress: (p) => progress.push(p.progress) });
    expect(r.isError, text(r)).toBeFalsy();
    const out = structured<{ status: string; path: string; uri: string }>(r);
    expect(out.status).toBe('done');
    expect(r.content.some((c) => c.type === 'resource_link' && c.uri === out.uri)).toBe(true);
    const video = await probeVideo(out.path);
    expect(video).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
      pixFmt: 'yuv420p',
      fps: '30/1',
      sampleRate: 48000,
    });
    expect(video.duration).toBeGreaterThan(plannedDuration - 0.1);
    expect(video.duration).toBeLessThan(plannedDuration + 0.1);
    expect(progress.length).toBeGreaterThan(2);
    // The server sends 100 just before the result, but the SDK's client runs notification handlers
    // a microtask late and forgets the call's progress handler as its result arrives, so when both
    // come in one read the last notification is dropped on the client's side.
    expect(Math.max(...progress)).toBeGreaterThanOrEqual(95);
    const leftovers = (await fs.readdir(path.dirname(out.path))).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('reports the last export in get_state', async () => {
    const r = await call('get_state', { project_id: projectId });
    const out = structured<{ last_export: { path: string } | null; media: unknown[] }>(r);
    expect(out.media).toHaveLength(4);
    expect(out.last_export && existsSync(out.last_export.path)).toBe(true);
  });

  it('says plainly that local rendering needs no credits', async () => {
    const r = await call('get_credits', {});
    expect(structured(r)).toMatchObject({ backend: 'local', unlimited: true, available: null });
    expect(text(r)).toMatch(/free and unlimited/);
  });

  it('routes free-form requests by keyword and says where it went', async () => {
    const credits = await call('video_letter', { request: '我还有多少积分？' });
    expect(structured(credits)).toMatchObject({ routed_to: 'get_credits' });
    const state = await call('video_letter', { request: 'show tracks', project_id: projectId });
    expect(structured(state)).toMatchObject({ routed_to: 'get_state' });
    expect(text(state)).toMatch(/^Routed to get_state\./);
    const storyboard = await call('video_letter', { request: 'show me the storyboard', project_id: projectId });
    expect(structured(storyboard)).toMatchObject({ routed_to: 'get_state' });
    expect(storyboard.content.some((c) => c.type === 'image' && c.mimeType === 'image/jpeg')).toBe(true);
    const edit = await call('video_letter', { request: 'make it vertical', project_id: projectId });
    expect(structured(edit)).toMatchObject({ routed_to: 'generate_letter' });
    expect(text(edit)).toMatch(/9:16/);
  });
});
