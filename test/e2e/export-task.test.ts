import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { probeVideo } from '../helpers/media.js';
import { SAMPLES, serverForFile, structured } from '../helpers/server.js';

/**
 * export_video as an MCP task (spec 2025-11-25): the host gets a task at once and polls it; the
 * task follows the render to its end, however short the wait of a plain call is (here a plain
 * export_video call answers "still rendering" after a moment).
 */
const { home, call, server } = serverForFile({
  VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.3',
  VIDEO_LETTER_RENDER_CONCURRENCY: '1',
});
let projectId: string;

beforeAll(async () => {
  const first = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
  projectId = structured<{ project_id: string }>(first).project_id;
  await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'mountains.jpg') });
  await call('generate_letter', { project_id: projectId, message: 'See you at the lake this summer.' });
});

describe('export_video as a task', () => {
  it('declares task support: tasks/list, tasks/cancel and task-augmented tools/call, optional for export_video only', async () => {
    expect(server().client.getServerCapabilities()?.tasks).toEqual({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    });
    const { tools } = await server().client.listTools();
    expect(tools.find((t) => t.name === 'export_video')?.execution).toEqual({ taskSupport: 'optional' });
    expect(tools.filter((t) => t.execution?.taskSupport === 'optional').map((t) => t.name)).toEqual(['export_video']);
  });

  it('creates a task at once, reports the render as its status message, and ends with the finished MP4', async () => {
    const kinds: string[] = [];
    const messages: string[] = [];
    let result: CallToolResult | undefined;
    for await (const m of server().client.experimental.tasks.callToolStream(
      { name: 'export_video', arguments: { project_id: projectId, quality: 'final' } },
      undefined,
      { timeout: 300_000 },
    )) {
      kinds.push(m.type);
      if (m.type === 'taskStatus' && m.task.statusMessage) messages.push(m.task.statusMessage);
      if (m.type === 'result') result = m.result as CallToolResult;
      if (m.type === 'error') throw m.error;
    }
    expect(kinds[0]).toBe('taskCreated');
    expect(kinds.at(-1)).toBe('result');
    expect(messages.some((s) => /rendering|Waiting/i.test(s))).toBe(true);
    const out = structured<{ status: string; path: string }>(result!);
    expect(out.status).toBe('done');
    expect(await probeVideo(out.path)).toMatchObject({ width: 1920, height: 1080, videoCodec: 'h264' });
  });

  it('keeps the plain call as it was: "still rendering" after the configured wait, with a job id', async () => {
    await call('generate_letter', { project_id: projectId, title: 'Dear Sam' });
    const r = structured<{ status: string; job_id: string }>(
      await call('export_video', { project_id: projectId, quality: 'final' }),
    );
    expect(['queued', 'rendering']).toContain(r.status);
    expect(r.job_id).toMatch(/^r_/);
  });

  it('stops the render when the host cancels the task (the one the plain call started), leaving no file', async () => {
    const stream = server().client.experimental.tasks.callToolStream(
      { name: 'export_video', arguments: { project_id: projectId, quality: 'final' } },
      undefined,
      { timeout: 300_000 },
    );
    const created = (await stream.next()).value;
    if (created?.type !== 'taskCreated') throw new Error(`expected a task, got ${JSON.stringify(created)}`);
    const cancelled = await server().client.experimental.tasks.cancelTask(created.task.taskId);
    expect(cancelled.status).toBe('cancelled');
    await stream.return(undefined);
    await expect
      .poll(
        async () => {
          const state = structured<{ renders: { status: string; quality: string; path?: string }[] }>(
            await call('get_state', { project_id: projectId }),
          );
          return state.renders.filter((j) => j.quality === 'final').map((j) => j.status);
        },
        { timeout: 60_000 },
      )
      .toEqual(['done', 'cancelled']);
    // Only the finished letter of the first test is in the output folder: no partial file.
    const files = await fs.readdir(path.join(home, 'exports'));
    expect(files.filter((f) => !f.endsWith('.srt'))).toEqual([expect.stringMatching(/\.mp4$/)]);
  });
});
