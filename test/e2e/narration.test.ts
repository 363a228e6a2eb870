import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Timeline } from '../../src/core/timeline/model.js';
import { measureLoudness } from '../helpers/audio.js';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';

/** "Read my message aloud" through the built server, where the voice speaks in a helper process. */
const { call } = serverForFile({}, 'vl-e2e-narration-');
let projectId: string;

beforeAll(async () => {
  projectId = structured<{ project_id: string }>(
    await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') }),
  ).project_id;
  await call('generate_letter', {
    project_id: projectId,
    title: 'Dear Mom',
    message: 'Thank you for everything. We love you!',
    closing: 'With love, Anna',
  });
});

describe('"read my message aloud" over MCP', () => {
  let reply: CallToolResult;
  beforeAll(async () => {
    reply = await call('video_letter', { project_id: projectId, request: 'read my message aloud' });
  });

  it('puts a spoken line under each caption, and says so in the summary', async () => {
    expect(reply.isError, text(reply)).toBeFalsy();
    const state = structured<{ summary: string; timeline: Timeline }>(
      await call('get_state', { project_id: projectId }),
    );
    const voice = state.timeline.tracks.find((t) => t.role === 'voice')?.segments ?? [];
    expect(voice.map((v) => v.text)).toEqual(['Thank you for everything.', 'We love you!']);
    expect(state.summary).toMatch(/Voice: Read aloud/);
  });

  it('exports it, and get_state then reports the loudness measured on the MP4', async () => {
    const done = structured<{ path: string; loudness: { integrated_lufs: number; true_peak_dbtp: number } }>(
      await call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    const state = await call('get_state', { project_id: projectId });
    const last = structured<{ last_export: { loudness: { integrated_lufs: number; true_peak_dbtp: number } } }>(
      state,
    ).last_export;
    expect(last.loudness).toEqual(done.loudness);
    expect(last.loudness.integrated_lufs).toBeCloseTo((await measureLoudness(done.path)).integrated, 1);
    // The final gain is measured on the voice (so a music change keeps its level relative to it).
    // The read-aloud track measures below -16 before its gain; that gain now lifts the voice
    // alone, not the music mixed under it (which brought this letter to about -13 LUFS). The whole
    // letter measured -17.0 on this machine: its title and closing cards, music alone, count in its
    // integrated loudness (they are within the measure's relative gate) and pull it under the
    // voice's -16. Half a dB of room below the product's -16 ±1 for another ffmpeg's rounding.
    expect(last.loudness.integrated_lufs).toBeGreaterThanOrEqual(-17.5);
    expect(last.loudness.integrated_lufs).toBeLessThanOrEqual(-15);
    expect(last.loudness.true_peak_dbtp).toBeLessThanOrEqual(-1.5);
    expect(text(state)).toMatch(/sound at -1\d\.\d LUFS, true peak -\d+\.\d dBTP/);
  });
});
