import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PLAYER_URI } from '../../../src/mcp/app/player.js';
import { ROOT, SAMPLES, serverForFile, structured, text } from '../../helpers/server.js';

/**
 * The in-chat player in a real browser: Debian's Chromium, headless, hosting the app's HTML as an
 * MCP Apps host does (a page with the app in an iframe, speaking the ext-apps postMessage
 * protocol), with every resource read and tool call passed to the real server over stdio.
 */
const CHROMIUM = '/usr/bin/chromium';
const { call, server } = serverForFile();
let browser: Browser;
let page: Page;
let app: Frame;
let site: http.Server;
let projectId: string;
let preview: { job_id: string; duration_seconds: number };
const forwarded: string[] = [];

/** The host page: answers ui/initialize, hands the app the tool result, passes its requests on. */
const HOST_PAGE = `<!doctype html><html><body style="margin:0">
<iframe id="app" src="/app.html" style="width:820px;height:800px;border:0"></iframe>
<script>
const frame = document.getElementById('app');
const send = (message) => frame.contentWindow.postMessage({ jsonrpc: '2.0', ...message }, '*');
window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow) return;
  const m = event.data;
  if (m.method === 'ui/initialize') {
    return send({ id: m.id, result: { protocolVersion: m.params.protocolVersion, hostInfo: { name: 'test-host', version: '1.0.0' },
      hostCapabilities: { serverTools: {}, serverResources: {} }, hostContext: { theme: 'light', displayMode: 'inline' } } });
  }
  if (m.method === 'ui/notifications/initialized') return send({ method: 'ui/notifications/tool-result', params: await window.toolResult() });
  if (m.id === undefined || !m.method) return;
  if (m.method !== 'resources/read' && m.method !== 'tools/call') return send({ id: m.id, result: {} });
  try { send({ id: m.id, result: await window.mcp(m.method, m.params) }); }
  catch (e) { send({ id: m.id, error: { code: -32603, message: String(e) } }); }
});
</script></body></html>`;

/** Waits until the app's video is loaded and reports what it holds. */
const loadedVideo = () =>
  app.locator('video').evaluate(
    (v: HTMLVideoElement) =>
      new Promise<{ width: number; height: number; duration: number; cues: number }>((resolve, reject) => {
        const report = () =>
          resolve({
            width: v.videoWidth,
            height: v.videoHeight,
            duration: v.duration,
            cues: v.textTracks[0]?.cues?.length ?? 0,
          });
        if (v.readyState >= 2) return report();
        v.addEventListener('loadeddata', report, { once: true });
        v.addEventListener('error', () => reject(new Error(`video error ${v.error?.code}: ${v.error?.message}`)), {
          once: true,
        });
      }),
  );

const chromiumInstalled = existsSync(CHROMIUM);

beforeAll(async () => {
  if (!chromiumInstalled) return;
  const first = await call('upload_media', { path: path.join(SAMPLES, 'friends.jpg') });
  projectId = structured<{ project_id: string }>(first).project_id;
  await call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'sunset.jpg') });
  await call('generate_letter', {
    project_id: projectId,
    title: 'Dear Mom',
    message: 'Thank you for every summer by the sea.',
    closing: 'Love, Anna',
  });
  const exported = await call('export_video', { project_id: projectId, quality: 'preview' });
  expect(exported.isError, text(exported)).toBeFalsy();
  preview = structured(exported);
  const toolResult = await call('get_state', { project_id: projectId });

  const { contents } = await server().client.readResource({ uri: PLAYER_URI });
  const appHtml = (contents[0] as { text: string }).text;
  site = http.createServer((req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(req.url === '/app.html' ? appHtml : HOST_PAGE);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 820, height: 800 } });
  await page.exposeFunction('toolResult', () => toolResult);
  await page.exposeFunction('mcp', async (method: string, params: Record<string, unknown>) => {
    forwarded.push(`${method} ${String(params.uri ?? params.name)}`);
    return method === 'resources/read'
      ? server().client.readResource(params as { uri: string })
      : call(String(params.name), params.arguments as Record<string, unknown>);
  });
  await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
  app = page.frames().find((f) => f.url().endsWith('/app.html'))!;
});

// Without the browser every test fails with this sentence, none is skipped.
beforeEach(() => {
  expect(
    chromiumInstalled,
    `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to test the in-chat player`,
  ).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  site?.close();
});

describe('the in-chat player in headless Chromium', () => {
  it('is served as an MCP App resource that get_state and export_video name', async () => {
    const { tools } = await server().client.listTools();
    for (const name of ['get_state', 'export_video']) {
      expect(tools.find((t) => t.name === name)?._meta).toMatchObject({ ui: { resourceUri: PLAYER_URI } });
    }
    const { contents } = await server().client.readResource({ uri: PLAYER_URI });
    expect(contents[0]?.mimeType).toBe('text/html;profile=mcp-app');
  });

  it("shows the letter's title and its storyboard image", async () => {
    await expect.poll(() => app.locator('#title').textContent()).toBe('Dear Mom');
    const board = app.locator('#storyboard');
    await board.waitFor({ state: 'visible' });
    await expect
      .poll(() => board.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(400);
    expect(forwarded).toContain(`resources/read letter://${projectId}/storyboard.jpg`);
  });

  it('plays the exported MP4 with its captions to the end', async () => {
    const video = await loadedVideo();
    expect(video).toMatchObject({ width: 960, height: 540 });
    expect(video.duration).toBeCloseTo(preview.duration_seconds, 0);
    expect(video.cues).toBeGreaterThan(0);
    expect(forwarded).toContain(`resources/read letter://${projectId}/video/${preview.job_id}`);
    expect(forwarded).toContain(`resources/read letter://${projectId}/video/${preview.job_id}/part/1`);
    const ended = await app.locator('video').evaluate(
      (v: HTMLVideoElement) =>
        new Promise<{ ended: boolean; at: number }>((resolve, reject) => {
          v.addEventListener('ended', () => resolve({ ended: v.ended, at: v.currentTime }), { once: true });
          v.muted = true;
          v.play().catch(reject);
        }),
    );
    expect(ended.ended).toBe(true);
    expect(ended.at).toBeCloseTo(video.duration, 0);
  });

  it('looks like this (docs/mcp-app.png): a frame with the message on screen, the storyboard below', async () => {
    const caption = await app.locator('video').evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          const cue = [...v.textTracks[0]!.cues!].find((c) => (c as VTTCue).text.includes('Thank you'))!;
          v.addEventListener('seeked', () => resolve(cue.startTime), { once: true });
          v.currentTime = cue.startTime + 1;
        }),
    );
    expect(caption).toBeGreaterThan(0);
    await page.locator('#app').screenshot({ path: path.join(ROOT, 'docs', 'mcp-app.png') });
    expect((await fs.stat(path.join(ROOT, 'docs', 'mcp-app.png'))).size).toBeGreaterThan(10_000);
  });

  it('"Make it vertical" edits the letter and plays a vertical preview', async () => {
    await app.locator('#make-vertical').click();
    await expect
      .poll(() => forwarded.filter((f) => f.startsWith('tools/call')))
      .toEqual(['tools/call generate_letter', 'tools/call export_video']);
    await expect.poll(async () => (await loadedVideo()).height, { timeout: 120_000 }).toBe(960);
    expect((await loadedVideo()).width).toBe(540);
    expect(await app.locator('#make-vertical').isDisabled()).toBe(true);
  });

  it('"Export final" renders the full-size letter and plays it', async () => {
    await app.locator('#export-final').click();
    await expect.poll(async () => (await loadedVideo()).height, { timeout: 240_000 }).toBe(1920);
    // A 1080p letter is larger than one part: the player joined several.
    expect(forwarded.filter((f) => /\/video\/[^/]+\/part\/2$/.test(f)).length).toBeGreaterThan(0);
    const state = structured<{ last_export: { quality: string; width: number; height: number } }>(
      await call('get_state', { project_id: projectId }),
    );
    expect(state.last_export).toMatchObject({ quality: 'final', width: 1080, height: 1920 });
  });
});
