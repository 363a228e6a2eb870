import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { createBackendMaker } from '../../../src/backends/index.js';
import { loadConfig } from '../../../src/config.js';
import { DownloadLinks } from '../../../src/hosting/downloads/links.js';
import { createLogger } from '../../../src/log.js';
import { PersonalBackends } from '../../../src/hosting/people/backends.js';
import { createServer } from '../../../src/mcp/server.js';
import { serveHttp, type HttpHandle } from '../../../src/hosting/http/http.js';
import { tools } from '../../helpers/binaries.js';
import { connectHttp } from '../../helpers/http-server.js';
import { quadrants } from '../../helpers/make-media.js';
import { structured, tempDir, text } from '../../helpers/server.js';
import { callTool } from '../../../src/dev/client/calls.js';

/**
 * The server in this process, so the test owns its clock (a download link expires a day later)
 * and can let URL uploads reach a photo server on 127.0.0.1, which the real server refuses.
 */
const HOUR = 3_600_000;
let clock = Date.now();
let handle: HttpHandle;
let backends: PersonalBackends;
let photoServer: http.Server;
let photoBase: string;
let client: Client;
let exportsDir: string;

beforeAll(async () => {
  const home = tempDir();
  const config = loadConfig({
    VIDEO_LETTER_HOME: home,
    VIDEO_LETTER_HTTP_PORT: '0',
    VIDEO_LETTER_EXPORT_WAIT_SECONDS: '600',
    FFMPEG_PATH: tools.ffmpeg,
    FFPROBE_PATH: tools.ffprobe,
    VIDEO_LETTER_LOG_LEVEL: 'silent',
  });
  exportsDir = config.outputDir;
  const log = createLogger('silent');
  backends = new PersonalBackends(config, log, await createBackendMaker(config, log));
  handle = await serveHttp({
    config: config.http,
    people: undefined,
    backends,
    links: new DownloadLinks(path.join(home, 'downloads'), config.http.downloadTtlMs, () => clock),
    makeServer: (backend, policy) => createServer({ backend, log, policy }),
    log,
    urlPolicy: { protocols: ['http:'], isAllowedAddress: (address) => address === '127.0.0.1' },
  });

  // A photo behind a share link that redirects, as photo services do.
  const photo = await quadrants(640, 360).jpeg().toBuffer();
  photoServer = http.createServer((req, res) => {
    if (req.url === '/share/abc') res.writeHead(302, { location: '/files/garden.jpg' }).end();
    else if (req.url === '/files/garden.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => photoServer.listen(0, '127.0.0.1', resolve));
  photoBase = `http://127.0.0.1:${(photoServer.address() as AddressInfo).port}`;
  client = await connectHttp(handle.url);
});
afterAll(async () => {
  await client?.close();
  await handle?.close();
  await backends?.close();
  photoServer?.close();
});

describe('media in and letters out over HTTP', () => {
  let projectId: string;
  let download: { url: string; file: string };

  it('uploads a photo by link, following its redirect, judged by its content', async () => {
    const result = await callTool(client, 'upload_media', { url: `${photoBase}/share/abc` });
    expect(result.isError).toBeFalsy();
    const out = structured<{ project_id: string; media: Record<string, unknown> }>(result);
    expect(out.media).toMatchObject({ kind: 'photo', file_name: 'garden.jpg', format: 'jpg', width: 640, height: 360 });
    projectId = out.project_id;
  });

  it('returns a finished letter as a download link on this server, in the resource_link and structured content', async () => {
    await callTool(client, 'generate_letter', { project_id: projectId, message: 'Greetings from the garden.' });
    const result = await callTool(client, 'export_video', { project_id: projectId, quality: 'preview' });
    const out = structured<{
      status: string;
      path: string;
      download_url: string;
      download_expires_at: string;
      uri: string;
    }>(result);
    expect(out.status).toBe('done');
    expect(out.download_url).toMatch(
      new RegExp(`^${new URL(handle.url).origin}/downloads/[A-Za-z0-9_-]{43}/[^/]+\\.mp4$`),
    );
    expect(out.uri).toBe(out.download_url);
    expect(new Date(out.download_expires_at).getTime()).toBe(clock + 24 * HOUR);
    expect(result.content).toContainEqual(
      expect.objectContaining({ type: 'resource_link', uri: out.download_url, mimeType: 'video/mp4' }),
    );
    expect(text(result)).toContain(`download it from ${out.download_url}`);
    // Over HTTP the result names the file, not where it is on the server.
    expect(out.path).toBe(path.basename(out.path));
    download = { url: out.download_url, file: path.join(exportsDir, out.path) };

    const response = await fetch(download.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(download.file))).toBe(true);
  });

  it('answers a range request with 206 and just those bytes, so a phone can start playing', async () => {
    const whole = readFileSync(download.file);
    const response = await fetch(download.url, { headers: { range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${whole.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(whole.subarray(1000, 2000))).toBe(true);
  });

  it('answers a guessed download address with 404', async () => {
    const guessed = download.url.replace(/downloads\/[^/]+/, `downloads/${'A'.repeat(43)}`);
    expect((await fetch(guessed)).status).toBe(404);
  });

  it('answers the link with 410 and a sentence once it has expired', async () => {
    clock += 24 * HOUR + 1;
    const response = await fetch(download.url);
    expect(response.status).toBe(410);
    expect(await response.text()).toMatch(/This download link expired on .*Ask for the letter again \(export_video\)/);
  });
});
