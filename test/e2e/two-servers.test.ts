import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { quadrants } from '../helpers/make-media.js';
import { probeVideo } from '../helpers/media.js';
import { ROOT, SAMPLES, startServer, structured, tempDir, type RunningServer } from '../helpers/server.js';

// Two MCP hosts (Claude Desktop and Cursor) each start their own server on one VIDEO_LETTER_HOME.
const home = tempDir();
let desktop: RunningServer;
let cursor: RunningServer;

interface Exported {
  status: string;
  job_id?: string;
  path?: string;
}
interface State {
  renders: { job_id: string; status: string; percent: number }[];
}
interface Project {
  letter: { title: string; closing: string; message: string; aspect: string };
  media: { fileName: string; storedAs: string }[];
}

beforeAll(async () => {
  [desktop, cursor] = await Promise.all([
    startServer({ VIDEO_LETTER_HOME: home }),
    startServer({ VIDEO_LETTER_HOME: home }),
  ]);
});
afterAll(async () => {
  await Promise.all([desktop?.close(), cursor?.close()]);
});

async function call(server: RunningServer, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const result = (await server.client.callTool(
    { name, arguments: args },
    {
      timeout: 300_000,
    },
  )) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result;
}

async function uploadPhoto(server: RunningServer, fileName: string, projectId?: string): Promise<string> {
  const photo = await quadrants(320, 240).jpeg().toBuffer();
  const result = await call(server, 'upload_media', {
    content_base64: photo.toString('base64'),
    file_name: fileName,
    ...(projectId && { project_id: projectId }),
  });
  return structured<{ project_id: string }>(result).project_id;
}

async function letterWithPhotos(server: RunningServer, photos: string[]): Promise<string> {
  const first = await call(server, 'upload_media', { path: path.join(SAMPLES, photos[0]!) });
  const projectId = structured<{ project_id: string }>(first).project_id;
  for (const p of photos.slice(1))
    await call(server, 'upload_media', { project_id: projectId, path: path.join(SAMPLES, p) });
  await call(server, 'generate_letter', { project_id: projectId, message: 'Thinking of you every day.' });
  return projectId;
}

const projectFile = (projectId: string) => path.join(home, 'projects', projectId, 'project.json');
const rendersIn = (server: RunningServer) =>
  server
    .stderr()
    .split('\n')
    .filter((l) => l.includes('ffmpeg render started')).length;

describe('two server processes on one home', () => {
  it('keeps every photo and every edit when both change one letter at the same time', async () => {
    const projectId = await uploadPhoto(desktop, 'first.jpg');
    const uploads = [desktop, cursor].flatMap((server, s) =>
      Array.from({ length: 6 }, (_, i) => uploadPhoto(server, `from-${s}-${i}.jpg`, projectId)),
    );
    const edits = [
      call(desktop, 'generate_letter', { project_id: projectId, title: 'Dear Grandma' }),
      call(cursor, 'generate_letter', { project_id: projectId, closing: 'With love, Anna' }),
      call(desktop, 'generate_letter', { project_id: projectId, message: 'We miss you.' }),
      call(cursor, 'generate_letter', { project_id: projectId, aspect: '1:1' }),
    ];
    await Promise.all([...uploads, ...edits]);

    const project = JSON.parse(readFileSync(projectFile(projectId), 'utf8')) as Project;
    const expected = ['first.jpg', ...[0, 1].flatMap((s) => Array.from({ length: 6 }, (_, i) => `from-${s}-${i}.jpg`))];
    expect(project.media.map((m) => m.fileName).sort()).toEqual(expected.sort());
    for (const m of project.media)
      expect(existsSync(path.join(home, 'projects', projectId, 'media', m.storedAs))).toBe(true);
    expect(project.letter).toMatchObject({
      title: 'Dear Grandma',
      closing: 'With love, Anna',
      message: 'We miss you.',
      aspect: '1:1',
    });
  });

  it('renders a letter once when both export it at the same time, and gives both the MP4', async () => {
    const projectId = await letterWithPhotos(desktop, ['friends.jpg', 'sunset.jpg']);
    const before = rendersIn(desktop) + rendersIn(cursor);
    const [mine, theirs] = await Promise.all(
      [desktop, cursor].map(async (server) =>
        structured<Exported>(await call(server, 'export_video', { project_id: projectId, quality: 'preview' })),
      ),
    );
    expect(mine).toMatchObject({ status: 'done' });
    expect(theirs).toMatchObject({ status: 'done', path: mine!.path });
    expect(await probeVideo(mine!.path!)).toMatchObject({ width: 960, height: 540, videoCodec: 'h264' });
    expect(rendersIn(desktop) + rendersIn(cursor) - before).toBe(1);
  });

  it('carries on with a letter whose render was cut short by a killed server process', async () => {
    const doomed = await startServer({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.3' });
    const projectId = await letterWithPhotos(doomed, ['friends.jpg', 'sunset.jpg', 'mountains.jpg', 'life.jpg']);
    const started = structured<Exported>(await call(doomed, 'export_video', { project_id: projectId }));
    expect(started.status).toBe('rendering');
    // The other server sees that render as running (once its record is on disk), not as interrupted.
    const renders = async () => structured<State>(await call(cursor, 'get_state', { project_id: projectId })).renders;
    await expect
      .poll(renders, { timeout: 60_000 })
      .toEqual([expect.objectContaining({ job_id: started.job_id, status: 'rendering' })]);

    const asked = call(cursor, 'export_video', { project_id: projectId });
    process.kill((doomed.client.transport as StdioClientTransport).pid!, 'SIGKILL');
    const delivered = structured<Exported>(await asked);
    await doomed.close();

    expect(delivered.status).toBe('done');
    expect(await probeVideo(delivered.path!)).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    const after = structured<State>(await call(cursor, 'get_state', { project_id: projectId }));
    expect(after.renders.find((r) => r.job_id === started.job_id)?.status).toBe('interrupted');
  });

  it('changes a letter whose lock was left by a process killed while holding it', async () => {
    const projectId = await uploadPhoto(desktop, 'held.jpg');
    const locks = path.join(ROOT, 'dist', 'backends', 'local', 'locks.js');
    const lock = path.join(path.dirname(projectFile(projectId)), 'project.json.lock');
    // A process that takes the project's lock the way a server does, says so, and never lets go.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      const { withFileLock } = await import(${JSON.stringify(locks)});
      await withFileLock(${JSON.stringify(lock)}, () => { console.log('locked'); return new Promise(() => {}); });
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) =>
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()),
    );

    const edit = call(cursor, 'generate_letter', { project_id: projectId, title: 'Still here' });
    holder.kill('SIGKILL');
    await edit;
    const project = JSON.parse(readFileSync(projectFile(projectId), 'utf8')) as Project;
    expect(project.letter.title).toBe('Still here');
  });
});
