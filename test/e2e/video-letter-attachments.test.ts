import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverPerTest, structured, tempDir, text } from '../helpers/server.js';

interface Routed {
  routed_to: string;
  steps: string[];
  project_id?: string;
  results: Record<string, unknown>[];
}
interface Exported {
  status: string;
  job_id?: string;
  path?: string;
}
interface State {
  media: { file_name: string }[];
  timeline: { tracks: { role: string; segments: { label: string }[] }[] };
}

const { start, call } = serverPerTest();

const shotsOf = (state: State) => state.timeline.tracks.find((t) => t.role === 'video')!.segments.map((s) => s.label);

describe('video_letter with attached files', () => {
  it('stores files attached to "…send me the video" first, then exports a letter made of them', async () => {
    await start({ VIDEO_LETTER_HOME: tempDir() });
    const routed = await call('video_letter', {
      request: 'Here are two photos for Grandma, please send me the video',
      attachments: [{ path: path.join(SAMPLES, 'friends.jpg') }, { path: path.join(SAMPLES, 'sunset.jpg') }],
    });
    expect(routed.isError).toBeFalsy();
    const r = structured<Routed>(routed);
    expect(r.steps).toEqual(['upload_media', 'generate_letter', 'export_video']);
    expect(r.routed_to).toBe('export_video');
    expect(text(routed)).toMatch(/^Routed to upload_media, then generate_letter, then export_video\./);
    expect(r.results.slice(0, 2).map((x) => (x.media as { file_name: string }).file_name)).toEqual([
      'friends.jpg',
      'sunset.jpg',
    ]);
    const exported = r.results.at(-1) as unknown as Exported;
    expect(exported.status).toBe('done');
    expect(await probeVideo(exported.path!)).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    const state = structured<State>(await call('get_state', { project_id: r.project_id! }));
    expect(shotsOf(state)).toEqual(['friends.jpg', 'sunset.jpg']);
  });

  it('adds a photo attached to an existing letter before its export starts', async () => {
    await start({ VIDEO_LETTER_HOME: tempDir(), VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.3' });
    const first = await call('upload_media', { path: path.join(SAMPLES, 'life.jpg') });
    const projectId = structured<{ project_id: string }>(first).project_id;
    await call('generate_letter', { project_id: projectId, message: 'Thinking of you.' });
    const routed = structured<Routed>(
      await call('video_letter', {
        project_id: projectId,
        request: 'one more photo, and send me the video',
        attachments: [{ path: path.join(SAMPLES, 'mountains.jpg') }],
      }),
    );
    expect(routed.steps).toEqual(['upload_media', 'generate_letter', 'export_video']);
    expect(routed.results.at(-1)).toMatchObject({
      status: expect.stringMatching(/^(queued|rendering|done)$/),
      job_id: expect.stringMatching(/^r_/),
    });
    expect(shotsOf(structured<State>(await call('get_state', { project_id: projectId })))).toEqual([
      'life.jpg',
      'mountains.jpg',
    ]);
    const cancelled = structured<Routed>(
      await call('video_letter', { project_id: projectId, request: 'cancel the export' }),
    );
    expect(cancelled.steps).toEqual(['export_video']);
  });

  it('edits, and does not export, when the attached files come with an edit that mentions the video', async () => {
    await start({ VIDEO_LETTER_HOME: tempDir() });
    const routed = await call('video_letter', {
      request: 'make the video vertical',
      attachments: [{ path: path.join(SAMPLES, 'friends.jpg') }],
    });
    const r = structured<Routed>(routed);
    expect(r.steps).toEqual(['upload_media', 'generate_letter']);
    expect(
      structured<{ timeline: { aspect: string } }>(await call('get_state', { project_id: r.project_id! })).timeline
        .aspect,
    ).toBe('9:16');
  });
});
