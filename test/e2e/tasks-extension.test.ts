import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callTool } from '../../src/dev/client/calls.js';
import { quadrants } from '../helpers/make-media.js';
import { probeVideo } from '../helpers/media.js';
import { addPerson, startHttpServer, type HttpServerProcess } from '../helpers/http-server.js';
import { keepingMessages } from '../helpers/raw-messages.js';
import { CLI, structured, tempDir, text } from '../helpers/server.js';
import { readVideoParts } from '../helpers/video-parts.js';

/**
 * The tasks extension (io.modelcontextprotocol/tasks, SEP-2663) on 2026-07-28 clients: export_video
 * answers with a task at once, tasks/get follows it to the MP4, tasks/cancel stops it. A client
 * that does not declare the extension gets today's plain answers.
 */
const TASKS = 'io.modelcontextprotocol/tasks';
const MODERN = { versionNegotiation: { mode: { pin: '2026-07-28' as const } } };
const WITH_TASKS = { ...MODERN, capabilities: { extensions: { [TASKS]: {} } } };
const Answer = z.looseObject({});

interface Task {
  taskId: string;
  status: string;
  statusMessage?: string;
  result?: { isError?: boolean; content: unknown[]; structuredContent?: Record<string, unknown> };
}

async function letter(client: Client): Promise<string> {
  const photo = async (name: string, project_id?: string) =>
    structured<{ project_id: string }>(
      await callTool(client, 'upload_media', {
        content_base64: (await quadrants(640, 360).jpeg().toBuffer()).toString('base64'),
        file_name: name,
        ...(project_id && { project_id }),
      }),
    );
  const projectId = (await photo('garden.jpg')).project_id;
  await photo('beach.jpg', projectId);
  const made = await callTool(client, 'generate_letter', { project_id: projectId, message: 'Home by Sunday.' });
  expect(made.isError, text(made)).toBeFalsy();
  return projectId;
}

/** Calls a tool whose answer is a task; the SDK client cannot read that answer, so it is read as it came. */
async function callAsTask(
  client: Client,
  received: ReturnType<typeof keepingMessages>['received'],
  args: Record<string, unknown>,
) {
  await expect(callTool(client, 'export_video', args)).rejects.toThrow(/task/);
  const answer = received
    .map((m) => ('result' in m ? (m.result as Record<string, unknown>) : undefined))
    .findLast((r) => r?.resultType === 'task');
  expect(answer).toBeDefined();
  return answer as Record<string, unknown> & { taskId: string };
}

const getTask = async (client: Client, taskId: string) =>
  (await client.request({ method: 'tasks/get', params: { taskId } }, Answer)) as unknown as Task;

/** tasks/cancel, answered by its fields besides `_meta` (the server's name): none, no task with them. */
const cancel = async (client: Client, taskId: string) =>
  Object.keys(await client.request({ method: 'tasks/cancel', params: { taskId } }, Answer)).filter(
    (k) => k !== '_meta',
  );

async function untilEnded(client: Client, taskId: string): Promise<Task> {
  for (;;) {
    const task = await getTask(client, taskId);
    if (task.status !== 'working') return task;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function tasksOn(connect: (options: ConstructorParameters<typeof Client>[1]) => Promise<Transport>) {
  const client = (options: ConstructorParameters<typeof Client>[1]) => async () => {
    const { transport, received } = keepingMessages(await connect(options));
    const c = new Client({ name: 'tasks-test', version: '1.0.0' }, options);
    await c.connect(transport);
    return { client: c, received };
  };
  const withTasks = client(WITH_TASKS);

  it('export_video answers with a task, and tasks/get follows it to the MP4', async () => {
    const { client: c, received } = await withTasks();
    expect(c.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(c.getServerCapabilities()?.extensions?.[TASKS]).toEqual({});
    const projectId = await letter(c);
    const created = await callAsTask(c, received, { project_id: projectId, quality: 'preview' });
    expect(created).toMatchObject({ resultType: 'task', status: 'working', ttlMs: 3_600_000 });
    expect(created).not.toHaveProperty('task');
    expect(new Date(created.createdAt as string).getTime()).not.toBeNaN();
    const task = await untilEnded(c, created.taskId);
    expect(task.status).toBe('completed');
    expect(task.result?.isError).toBeFalsy();
    const exported = task.result?.structuredContent ?? {};
    expect(exported.status).toBe('done');
    const { bytes } = await readVideoParts(c, `letter://${projectId}/video/${exported.job_id as string}`);
    const file = path.join(tempDir(), 'letter.mp4');
    await fs.writeFile(file, bytes);
    expect(await probeVideo(file)).toMatchObject({ videoCodec: 'h264', height: 540 });
    await c.close();
  });

  it('tasks/cancel stops a task: the next tasks/get says cancelled, and cancelling again is answered the same', async () => {
    const { client: c, received } = await withTasks();
    const projectId = await letter(c);
    const { taskId } = await callAsTask(c, received, { project_id: projectId, quality: 'final' });
    expect(await cancel(c, taskId)).toEqual([]);
    expect((await getTask(c, taskId)).status).toBe('cancelled');
    expect(await cancel(c, taskId)).toEqual([]);
    await expect(
      c.request({ method: 'tasks/cancel', params: { taskId: 'no-such-task' } }, Answer),
    ).rejects.toMatchObject({ code: -32602 });
    await c.close();
  });

  it('a client without the extension gets the plain answer, and tasks/get is refused with -32021', async () => {
    const { client: c } = await client(MODERN)();
    const projectId = await letter(c);
    const exported = await callTool(c, 'export_video', { project_id: projectId, quality: 'preview' });
    expect(structured<{ status: string }>(exported).status).toBe('done');
    await expect(c.request({ method: 'tasks/get', params: { taskId: 'any' } }, Answer)).rejects.toMatchObject({
      code: -32021,
    });
    await c.close();
  });
}

describe('over Streamable HTTP, each request on its own', () => {
  const home = tempDir();
  let server: HttpServerProcess;
  let token: string;
  beforeAll(async () => {
    token = addPerson(home, 'anna');
    server = await startHttpServer({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600' });
  });
  afterAll(() => void server?.child.kill());

  tasksOn(async () =>
    Promise.resolve(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    ),
  );
});

describe('over stdio', () => {
  const home = tempDir();
  tasksOn(async () =>
    Promise.resolve(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI],
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? os.tmpdir(),
          VIDEO_LETTER_HOME: home,
          VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600',
        },
        stderr: 'ignore',
      }),
    ),
  );
});
