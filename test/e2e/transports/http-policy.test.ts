import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../../../src/dev/client/calls.js';
import { quadrants } from '../../helpers/make-media.js';
import { addPerson, connectHttp, startHttpServer, type HttpServerProcess } from '../../helpers/http-server.js';
import { structured, tempDir, text } from '../../helpers/server.js';

/**
 * A remote person over HTTP with a token: what the caller policy lets them name and see. The
 * per-person backend is the same one stdio uses, so their letters are resources like anyone's.
 */
const home = tempDir();
let server: HttpServerProcess;
let anna: Client;
let projectId: string;
const updated: string[] = [];

async function uploadPhoto(client: Client, name: string, project?: string): Promise<string> {
  const photo = await quadrants(640, 360).jpeg().toBuffer();
  const result = await callTool(client, 'upload_media', {
    content_base64: photo.toString('base64'),
    file_name: name,
    ...(project && { project_id: project }),
  });
  expect(result.isError, text(result)).toBeFalsy();
  return structured<{ project_id: string }>(result).project_id;
}

beforeAll(async () => {
  const token = addPerson(home, 'anna');
  server = await startHttpServer({ VIDEO_LETTER_HOME: home });
  anna = await connectHttp(server.url, token);
  anna.setNotificationHandler('notifications/resources/updated', (n) => void updated.push(n.params.uri));
  projectId = await uploadPhoto(anna, 'garden.jpg');
  await uploadPhoto(anna, 'beach.jpg', projectId);
});
afterAll(async () => {
  await anna?.close();
  server?.child.kill();
});

describe('what a remote person may name', () => {
  it('refuses upload_media {path: "/etc"} before touching the disk: nothing in /etc is named', async () => {
    const refused = await callTool(anna, 'upload_media', { path: '/etc' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe(
      'A path names a file on the server, not on your computer. Send the file as content_base64 with file_name, or as a public https url for large files.',
    );
    expect(text(refused)).not.toMatch(/passwd|hosts|Skipped/);
  });
});

describe("a person's letters over HTTP, as over stdio", () => {
  it('lists the letter in resources/list', async () => {
    const { resources } = await anna.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining([`letter://${projectId}/state`, `letter://${projectId}/storyboard.jpg`]),
    );
  });

  it('completes the project id in the letter templates', async () => {
    const { completion } = await anna.complete({
      ref: { type: 'ref/resource', uri: 'letter://{project_id}/state' },
      argument: { name: 'project_id', value: projectId.slice(0, 4) },
    });
    expect(completion.values).toContain(projectId);
  });

  it('sends notifications/resources/updated for a subscribed letter when it changes', async () => {
    await anna.subscribeResource({ uri: `letter://${projectId}/state` });
    const edit = await callTool(anna, 'generate_letter', { project_id: projectId, title: 'Dear Mom' });
    expect(edit.isError, text(edit)).toBeFalsy();
    await expect.poll(() => updated).toContain(`letter://${projectId}/state`);
  });
});

describe('a finished letter over HTTP', () => {
  let exported: { download_url: string; path: string; captions_path?: string };

  beforeAll(async () => {
    const result = await callTool(anna, 'export_video', { project_id: projectId, quality: 'preview' });
    expect(result.isError, text(result)).toBeFalsy();
    exported = structured(result);
  }, 600_000);

  it('shows no path on the server in the export result, get_state or the state resource', async () => {
    const state = await callTool(anna, 'get_state', { project_id: projectId });
    const resource = await anna.readResource({ uri: `letter://${projectId}/state` });
    for (const seen of [exported, state, resource]) expect(JSON.stringify(seen)).not.toContain(home);
    expect(exported.path).toMatch(/^[^/]+\.mp4$/);
    expect(exported.download_url).toMatch(/\/downloads\/[A-Za-z0-9_-]{43}\/[^/]+\.mp4$/);
  });

  it('answers a range outside the file with 416 and a sentence, logging no stack trace', async () => {
    const response = await fetch(exported.download_url, { headers: { Range: 'bytes=999999999-' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('content-range')).toMatch(/^bytes \*\/\d+$/);
    expect(await response.text()).toContain('The range asked for is outside this file');
    expect(server.stderr()).not.toMatch(/RangeNotSatisfiable|http request failed/);
  });
});
