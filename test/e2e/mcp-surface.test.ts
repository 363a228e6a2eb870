import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError } from '@modelcontextprotocol/server';
import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import { SAMPLES, serverForFile, structured, text } from '../helpers/server.js';
import { readVideoParts } from '../helpers/video-parts.js';

/**
 * Everything a host sees besides the tools, over stdio with the SDK's Client: letters as
 * resources (listed, read, completed, subscribed to), the prompts, and the log as MCP messages.
 */
const { call, server } = serverForFile();
let projectId: string;
let exported: { job_id: string; path: string; captions_path?: string };
const updated: string[] = [];
let listChanges = 0;
const logs: LoggingMessageNotification['params'][] = [];

beforeAll(async () => {
  server().client.setNotificationHandler('notifications/resources/updated', (n) => void updated.push(n.params.uri));
  server().client.setNotificationHandler('notifications/resources/list_changed', () => void listChanges++);
  server().client.setNotificationHandler('notifications/message', (n) => void logs.push(n.params));
});

describe('letters as resources', () => {
  it('says a new letter exists with notifications/resources/list_changed', async () => {
    const first = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
    projectId = structured<{ project_id: string }>(first).project_id;
    await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'sunset.jpg') });
    await expect.poll(() => listChanges).toBeGreaterThan(0);
  });

  it('sends notifications/resources/updated for a subscribed letter when its timeline changes', async () => {
    await server().client.subscribeResource({ uri: `letter://${projectId}/state` });
    await call('generate_letter', {
      project_id: projectId,
      title: 'Dear Mom',
      message: 'Thank you for every summer by the sea.',
    });
    await expect.poll(() => updated).toContain(`letter://${projectId}/state`);
  });

  it('sends the render milestones as log messages, from info up by default', async () => {
    const r = await call('export_video', { project_id: projectId, quality: 'preview' });
    expect(r.isError, text(r)).toBeFalsy();
    exported = structured(r);
    expect(r.content).toContainEqual(
      expect.objectContaining({
        type: 'resource_link',
        uri: `letter://${projectId}/video/${exported.job_id}`,
        mimeType: 'video/mp4',
      }),
    );
    await expect
      .poll(() => logs.map((l) => (l.data as { message: string }).message))
      .toEqual(expect.arrayContaining(['render started', 'letter rendered']));
    const rendered = logs.find((l) => (l.data as { message: string }).message === 'letter rendered');
    expect(rendered).toMatchObject({
      level: 'info',
      logger: 'video-letter-mcp',
      data: { projectId, quality: 'preview', path: exported.path },
    });
    expect(logs.every((l) => l.level !== 'debug')).toBe(true);
  });

  it('sends notifications/resources/updated again when the export finishes', async () => {
    await expect.poll(() => updated.length).toBeGreaterThanOrEqual(2);
  });

  it("lists the letter's state, storyboard, video (with its size) and captions after an export", async () => {
    const { resources } = await server().client.listResources();
    const mine = resources.filter((r) => r.uri.startsWith(`letter://${projectId}/`));
    const size = (await fs.stat(exported.path)).size;
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          uri: `letter://${projectId}/state`,
          mimeType: 'application/json',
          title: 'State of "Dear Mom"',
        }),
        expect.objectContaining({ uri: `letter://${projectId}/storyboard.jpg`, mimeType: 'image/jpeg' }),
        expect.objectContaining({
          uri: `letter://${projectId}/video/${exported.job_id}`,
          mimeType: 'video/mp4',
          size,
          name: path.basename(exported.path),
        }),
        expect.objectContaining({
          uri: `letter://${projectId}/captions/${exported.job_id}`,
          mimeType: 'application/x-subrip',
        }),
      ]),
    );
    expect(mine).toHaveLength(4);
  });

  it('reads the exported MP4 as parts that join into exactly its bytes', async () => {
    const { bytes } = await readVideoParts(server().client, `letter://${projectId}/video/${exported.job_id}`);
    expect(bytes.equals(await fs.readFile(exported.path))).toBe(true);
  });

  it('reads the state as the JSON get_state returns', async () => {
    const { contents } = await server().client.readResource({ uri: `letter://${projectId}/state` });
    const state = JSON.parse((contents[0] as { text: string }).text);
    const viaTool = structured(await call('get_state', { project_id: projectId }));
    expect(state).toEqual(viaTool);
    expect(state.last_export.job_id).toBe(exported.job_id);
  });

  it('reads the storyboard as a JPEG and the captions as SubRip text with the message', async () => {
    const board = await server().client.readResource({ uri: `letter://${projectId}/storyboard.jpg` });
    expect(board.contents[0]?.mimeType).toBe('image/jpeg');
    const jpeg = Buffer.from((board.contents[0] as { blob: string }).blob, 'base64');
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    const captions = await server().client.readResource({ uri: `letter://${projectId}/captions/${exported.job_id}` });
    expect((captions.contents[0] as { text: string }).text).toMatch(
      /^1\r?\n00:00:\d\d,\d{3} --> .*Thank you for every summer by the sea\./s,
    );
  });

  it('answers "resource not found" (-32602 with the uri) with a sentence for an export that does not exist', async () => {
    const error = await server()
      .client.readResource({ uri: `letter://${projectId}/video/r_000000000000` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      code: -32602,
      data: { uri: `letter://${projectId}/video/r_000000000000` },
      message: expect.stringContaining('has no finished export "r_000000000000"'),
    });
  });

  it('completes project ids in the letter template from what was typed', async () => {
    const ref = { type: 'ref/resource' as const, uri: 'letter://{project_id}/state' };
    const all = await server().client.complete({ ref, argument: { name: 'project_id', value: 'p_' } });
    expect(all.completion.values).toContain(projectId);
    const one = await server().client.complete({ ref, argument: { name: 'project_id', value: projectId.slice(0, 6) } });
    expect(one.completion.values).toEqual([projectId]);
    const none = await server().client.complete({ ref, argument: { name: 'project_id', value: 'x' } });
    expect(none.completion.values).toEqual([]);
  });

  it("completes an export's job id once the project id is chosen", async () => {
    const r = await server().client.complete({
      ref: { type: 'ref/resource', uri: 'letter://{project_id}/video/{job_id}' },
      argument: { name: 'job_id', value: 'r_' },
      context: { arguments: { project_id: projectId } },
    });
    expect(r.completion.values).toEqual([exported.job_id]);
  });
});

describe('prompts', () => {
  it('lists "make a video letter" and "refine my video letter" with their arguments', async () => {
    const { prompts } = await server().client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['make_video_letter', 'refine_video_letter']);
    const make = prompts.find((p) => p.name === 'make_video_letter');
    expect(make?.arguments?.map((a) => [a.name, a.required])).toEqual([
      ['recipient', true],
      ['occasion', false],
      ['photos_folder', false],
    ]);
  });

  it('makes a letter through upload, generate, storyboard and export, for the person and folder given', async () => {
    const r = await server().client.getPrompt({
      name: 'make_video_letter',
      arguments: { recipient: 'Grandma', occasion: 'her 80th birthday', photos_folder: '/home/me/Pictures/Grandma' },
    });
    const steps = (r.messages[0]?.content as { text: string }).text;
    expect(steps).toContain('video letter for Grandma for her 80th birthday');
    expect(steps).toContain('/home/me/Pictures/Grandma');
    const order = ['upload_media', 'generate_letter', 'storyboard: true', 'export_video'].map((step) =>
      steps.indexOf(step),
    );
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('refines a letter with its current state attached as a resource', async () => {
    const r = await server().client.getPrompt({
      name: 'refine_video_letter',
      arguments: { project_id: projectId, wish: 'make it vertical' },
    });
    expect((r.messages[0]?.content as { text: string }).text).toContain('What I would like: make it vertical');
    const attached = r.messages[1]?.content as { type: string; resource: { uri: string; text: string } };
    expect(attached.type).toBe('resource');
    expect(attached.resource.uri).toBe(`letter://${projectId}/state`);
    expect(JSON.parse(attached.resource.text).project_id).toBe(projectId);
  });

  it('completes the project id of "refine my video letter"', async () => {
    const r = await server().client.complete({
      ref: { type: 'ref/prompt', name: 'refine_video_letter' },
      argument: { name: 'project_id', value: projectId.slice(0, 5) },
    });
    expect(r.completion.values).toEqual([projectId]);
  });
});

describe('logging', () => {
  it('sends nothing below the level the client set with logging/setLevel', async () => {
    await server().client.setLoggingLevel('error');
    const before = logs.length;
    await call('generate_letter', { project_id: projectId, aspect: '9:16' });
    const r = await call('export_video', { project_id: projectId, quality: 'preview' });
    expect(structured(r)).toMatchObject({ status: 'done', width: 540, height: 960 });
    expect(logs.slice(before)).toEqual([]);
  });

  it('sends debug details once the client asks for debug', async () => {
    await server().client.setLoggingLevel('debug');
    await call('generate_letter', { project_id: projectId, aspect: '1:1' });
    await call('export_video', { project_id: projectId, quality: 'preview' });
    await expect
      .poll(() => logs.filter((l) => l.level === 'debug').map((l) => (l.data as { message: string }).message))
      .toContain('sound prepared');
  });
});
