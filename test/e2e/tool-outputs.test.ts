import path from 'node:path';
import { Ajv2020 as Ajv } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { SAMPLES, startServer, structured, tempDir, text, type RunningServer } from '../helpers/server.js';

/**
 * Every tool's structured content checked against the JSON schema it publishes in tools/list,
 * with an independent validator, for its successes and its failures: the schemas promise the
 * fields a result has (a finished export has its path), and every answer keeps that promise.
 * Exports wait no time, so one letter is seen queued or rendering, done and cancelled.
 */
const home = tempDir();
let server: RunningServer;
const validators = new Map<string, ValidateFunction>();
let projectId: string;

const call = async (name: string, args: Record<string, unknown>) =>
  (await server.client.callTool({ name, arguments: args }, { timeout: 300_000 })) as CallToolResult;

/** Asserts the result's structured content matches the tool's published schema, and returns it. */
function checked(name: string, result: CallToolResult): Record<string, unknown> {
  const validate = validators.get(name)!;
  const content = structured(result);
  expect(validate(content), `${name}: ${JSON.stringify(validate.errors)}\n${text(result)}`).toBe(true);
  return content;
}

const valid = (name: string, content: unknown) => validators.get(name)!(content);

beforeAll(async () => {
  server = await startServer({
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_OUTPUT_DIR: path.join(home, 'out'),
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0',
  });
  const ajv = new Ajv({ allErrors: true });
  for (const tool of (await server.client.listTools()).tools) {
    if (tool.outputSchema) validators.set(tool.name, ajv.compile(tool.outputSchema));
  }
});
afterAll(async () => {
  await server?.close();
});

describe('published output schemas', () => {
  it('every tool publishes an output schema', () => {
    expect([...validators.keys()].sort()).toEqual([
      'export_video',
      'generate_letter',
      'get_credits',
      'get_state',
      'upload_media',
      'video_letter',
    ]);
  });

  it('refuse a successful answer that leaves out a promised field', () => {
    const done = {
      project_id: 'p',
      status: 'done',
      job_id: 'r',
      uri: 'file:///a.mp4',
      message: 'ready',
      duration_seconds: 6,
      size_bytes: 1,
      width: 960,
      height: 540,
      render_seconds: 1,
      quality: 'preview',
      finished_at: 'now',
    };
    expect(valid('export_video', { ...done, path: '/a.mp4' })).toBe(true);
    expect(valid('export_video', done)).toBe(false);
    expect(valid('export_video', { project_id: 'p', status: 'rendering', job_id: 'r', message: 'still going' })).toBe(
      false,
    );
    expect(valid('get_state', { project_id: 'p', backend: 'local', summary: 'x' })).toBe(false);
    expect(valid('generate_letter', { project_id: 'p' })).toBe(false);
    expect(valid('upload_media', { project_id: 'p' })).toBe(false);
    expect(
      valid('video_letter', { routed_to: 'get_state', steps: ['get_state'], results: [{ project_id: 'p' }] }),
    ).toBe(false);
  });

  it('accept a failure as the error alone', () => {
    for (const name of validators.keys()) {
      if (name !== 'video_letter')
        expect(valid(name, { error: { code: 'project_not_found', message: 'No such letter.' } }), name).toBe(true);
    }
  });
});

describe('successful answers match the schema', () => {
  it('upload_media, one file', async () => {
    const r = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
    expect(checked('upload_media', r)).toMatchObject({ media: { kind: 'photo', file_name: 'friends.jpg' } });
    projectId = structured<{ project_id: string }>(r).project_id;
  });

  it('upload_media, a folder', async () => {
    const r = await call('upload_media', { project_id: projectId, path: SAMPLES });
    expect(checked('upload_media', r)).toMatchObject({
      project_id: projectId,
      folder: SAMPLES,
      added: expect.any(Array),
    });
  });

  it('generate_letter', async () => {
    const r = await call('generate_letter', {
      project_id: projectId,
      title: 'Dear Mom',
      photo_order: ['friends.jpg'],
      length_seconds: 6,
    });
    expect(checked('generate_letter', r)).toMatchObject({ project_id: projectId, timeline: { aspect: '16:9' } });
  });

  it('get_state, with a storyboard', async () => {
    const r = await call('get_state', { project_id: projectId, storyboard: true });
    expect(checked('get_state', r)).toMatchObject({
      project_id: projectId,
      backend: 'local',
      storyboard: { mime_type: 'image/jpeg' },
    });
  });

  it('get_credits', async () => {
    expect(checked('get_credits', await call('get_credits', {}))).toMatchObject({ backend: 'local', unlimited: true });
  });

  it('export_video while it renders, when it is done, and when it is cancelled', async () => {
    const first = checked('export_video', await call('export_video', { project_id: projectId, quality: 'preview' }));
    expect(first.status).toMatch(/^(queued|rendering|done)$/);
    let done = first;
    while (done.status !== 'done') {
      done = checked('export_video', await call('export_video', { project_id: projectId, quality: 'preview' }));
      if (done.status !== 'done') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(done).toMatchObject({ project_id: projectId, path: expect.stringMatching(/\.mp4$/), quality: 'preview' });

    const started = checked('export_video', await call('export_video', { project_id: projectId, quality: 'final' }));
    expect(started.status).toMatch(/^(queued|rendering)$/);
    const cancelled = checked('export_video', await call('export_video', { project_id: projectId, cancel: true }));
    expect(cancelled).toMatchObject({ status: 'cancelled', job_id: started.job_id });
  });

  it('video_letter, whose results are the answers of the tools it ran', async () => {
    const r = await call('video_letter', { request: 'show me the storyboard', project_id: projectId });
    expect(checked('video_letter', r)).toMatchObject({
      routed_to: 'get_state',
      results: [{ project_id: projectId, storyboard: { mime_type: 'image/jpeg' } }],
    });
  });
});

describe('failures match the schema', () => {
  const missing = 'p_doesnotexist';

  it.each([
    ['upload_media', { project_id: missing, path: path.join(SAMPLES, 'life.jpg') }],
    ['upload_media', { path: path.join(home, 'no-such-file.jpg') }],
    ['generate_letter', { project_id: missing, title: 'Hi' }],
    ['get_state', { project_id: missing }],
    ['export_video', { project_id: missing }],
  ])('%s %j', async (name, args) => {
    const r = await call(name, args);
    expect(r.isError).toBe(true);
    expect(checked(name, r)).toMatchObject({ error: { code: expect.any(String), message: text(r) } });
  });

  it('upload_media of a folder with nothing usable keeps the folder facts beside the error', async () => {
    const empty = tempDir();
    const r = await call('upload_media', { path: empty });
    expect(r.isError).toBe(true);
    expect(checked('upload_media', r)).toMatchObject({ folder: empty, added: [], error: { code: 'nothing_added' } });
  });

  it('video_letter, with the failing step in its results', async () => {
    const r = await call('video_letter', { request: 'export it', project_id: missing });
    expect(r.isError).toBe(true);
    expect(checked('video_letter', r)).toMatchObject({
      routed_to: 'export_video',
      results: [{ error: { code: 'project_not_found' } }],
    });
  });
});
