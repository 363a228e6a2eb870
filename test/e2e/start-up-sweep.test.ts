import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tools } from '../helpers/binaries.js';
import { ffmpegsMentioning, isRunning, until } from '../helpers/processes.js';
import { SAMPLES, serverPerTest, structured, tempDir } from '../helpers/server.js';

const { start, call, server } = serverPerTest();
const home = tempDir('vl-sweep-');
// Another program's ffmpeg that happens to write into the home: not ours, never stopped.
const bystander = spawn(
  tools.ffmpeg,
  [
    '-v',
    'error',
    '-nostdin',
    '-re',
    '-f',
    'lavfi',
    '-i',
    'anullsrc',
    '-t',
    '300',
    '-y',
    path.join(home, 'bystander.wav'),
  ],
  { stdio: 'ignore' },
);
afterAll(() => bystander.kill('SIGKILL'));

it("clears a killed server's running ffmpeg and temp files when the next one starts, and nothing else", async () => {
  await start({ VIDEO_LETTER_HOME: home, VIDEO_LETTER_EXPORT_WAIT_SECONDS: '0.3' });
  const first = await call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') });
  const projectId = structured<{ project_id: string }>(first).project_id;
  await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'friends.jpg') });
  await call('generate_letter', { project_id: projectId, message: 'See you in June.', length_seconds: 120 });
  await call('export_video', { project_id: projectId });
  const ours = () => ffmpegsMentioning(home).filter((p) => p.pid !== bystander.pid);
  await until(() => ours().length > 0, 120_000, 'the render to start ffmpeg');
  // A staged upload and a temp file of the killed server, and one older than this version's names.
  const staged = path.join(home, 'tmp', String(server().pid));
  await fs.mkdir(staged, { recursive: true });
  await fs.writeFile(path.join(staged, 'upload_x-photo.jpg'), 'half an upload');
  const partial = path.join(home, 'projects', projectId, `.letter.mp4.${server().pid}-0123abcd.tmp`);
  await fs.writeFile(partial, 'half a video');

  process.kill(server().pid, 'SIGKILL');
  const orphans = ours();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(orphans.filter((p) => isRunning(p.pid)).length).toBeGreaterThan(0);

  await start({ VIDEO_LETTER_HOME: home });
  await until(() => orphans.every((p) => !isRunning(p.pid)), 5_000, 'the orphaned ffmpeg to be stopped');
  expect(existsSync(staged)).toBe(false);
  expect(existsSync(partial)).toBe(false);
  expect(isRunning(bystander.pid!)).toBe(true);
  // The letter itself is all there.
  const state = structured<{ media: unknown[] }>(await call('get_state', { project_id: projectId }));
  expect(state.media).toHaveLength(2);
});
