import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../helpers/media.js';
import { until } from '../helpers/processes.js';
import { ROOT, SAMPLES, startServer, structured, tempDir, type RunningServer } from '../helpers/server.js';
import { SPOKEN_LETTER, recordPhrases } from '../helpers/spoken-words.js';

const running: RunningServer[] = [];
let tarball: string;

beforeAll(() => {
  const out = tempDir('vl-pack-');
  execFileSync('npm', ['pack', '--pack-destination', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const name = readdirSync(out).find((f) => f.endsWith('.tgz'));
  expect(name).toMatch(/^video-letter-mcp-.*\.tgz$/);
  tarball = path.join(out, name!);
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
  removeNpxInstall(tarball);
});

/**
 * npx installs a package it runs under npm's cache (`_npx/<hash of the spec>`), outside the test
 * run's temporary folder: 700 MB for each run's new tarball path, which filled the CI machine's disk.
 */
function removeNpxInstall(spec: string): void {
  const npxDir = path.join(execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim(), '_npx');
  for (const install of existsSync(npxDir) ? readdirSync(npxDir) : []) {
    const manifest = path.join(npxDir, install, 'package.json');
    if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes(spec))
      rmSync(path.join(npxDir, install), { recursive: true, force: true });
  }
}

/** The render farm's packages, optional peers that a personal install leaves out (src/hosting/farm/packages.ts). */
const FARM_PACKAGES = ['bullmq', 'ioredis', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'];

// People install MCP servers with `npx -y <package>` in their client's config: the packed tarball
// must build itself before packing, carry everything it needs, and run from wherever npx puts it.
describe('the npm package', () => {
  it('packs, runs with npx from the tarball and answers tools/list over stdio', async () => {
    const home = tempDir('vl-npx-home-');
    const server = await startServer(
      { VIDEO_LETTER_HOME: home, npm_config_yes: 'true' },
      { command: 'npx', args: ['-y', `--package=${tarball}`, 'video-letter-mcp'] },
    );
    running.push(server);
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['upload_media', 'generate_letter', 'get_state', 'export_video']),
    );
    // The engine opens once the tools are listed, and finds ffmpeg.
    await until(() => server.stderr().includes('ffmpeg ready'), 60_000, 'the packaged server to find ffmpeg');
  });

  it('holds the built server, its assets and the README, and none of the benchmark or the tests', () => {
    // The build this file runs after (npm test builds first); packing again would only rebuild it.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/mcp/server.js', 'README.md', 'package.json']));
    expect(files.filter((f) => f.startsWith('dist/dev/'))).toEqual([]);
    expect(files.filter((f) => !/^(dist|assets)\//.test(f) && f !== 'README.md' && f !== 'package.json')).toEqual([]);
    expect(files.filter((f) => /(^|\/)(bench|test)\//.test(f))).toEqual([]);
  });
});

// What npx installs from the tarball: its production dependencies, without the optional peers.
describe('a personal install (the tarball installed as npx installs it)', () => {
  const prefix = tempDir('vl-personal-install-');
  const installed = path.join(prefix, 'node_modules', 'video-letter-mcp');
  const cli = path.join(installed, 'dist', 'cli.js');

  beforeAll(() => {
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });

  it('holds none of the render farm packages', () => {
    expect(existsSync(cli)).toBe(true);
    expect(FARM_PACKAGES.filter((name) => existsSync(path.join(prefix, 'node_modules', name)))).toEqual([]);
  });

  it('makes a whole letter over stdio, with the words of a voice recording as its captions', async () => {
    const home = tempDir('vl-personal-home-');
    const memo = path.join(home, 'voice-note.m4a');
    await recordPhrases(memo, SPOKEN_LETTER);
    const server = await startServer({ VIDEO_LETTER_HOME: home }, { command: process.execPath, args: [cli] });
    running.push(server);
    const first = structured<{ project_id: string }>(
      await server.call('upload_media', { path: path.join(SAMPLES, 'sunset.jpg') }),
    );
    const projectId = first.project_id;
    await server.call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'friends.jpg') });
    await server.call('upload_media', { project_id: projectId, path: memo });
    await server.call('generate_letter', { project_id: projectId, title: 'Dear Grandma' });
    await server.call('generate_letter', { project_id: projectId, instruction: 'use what I said as the captions' });
    const exported = structured<{ path: string; captions_path: string }>(
      await server.call('export_video', { project_id: projectId, quality: 'preview' }),
    );

    const video = await probeVideo(exported.path);
    expect([video.videoCodec, video.audioCodec]).toEqual(['h264', 'aac']);
    expect(video.duration).toBeGreaterThan(5);
    const captions = readFileSync(exported.captions_path, 'utf8').toLowerCase();
    expect(captions).toContain('swim');
    expect(captions).toContain('soon');
  });

  it('says which packages to install when a render worker is started from it', () => {
    const worker = spawnSync(process.execPath, [cli, 'worker'], {
      env: {
        PATH: process.env.PATH ?? '',
        VIDEO_LETTER_HOME: tempDir(),
        VIDEO_LETTER_REDIS_URL: 'redis://127.0.0.1:1',
      },
      encoding: 'utf8',
    });
    expect(worker.status).toBe(1);
    expect(worker.stderr).toContain(
      'A render worker needs the npm package bullmq, which a personal install leaves out',
    );
    expect(worker.stderr).toContain('npm install bullmq ioredis @aws-sdk/client-s3 @aws-sdk/lib-storage');
  });
});
