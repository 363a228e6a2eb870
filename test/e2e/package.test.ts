import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, tempDir, type RunningServer } from '../helpers/server.js';

let server: RunningServer | undefined;

afterAll(async () => {
  await server?.close();
});

// People install MCP servers with `npx -y <package>` in their client's config: the packed tarball
// must build itself before packing, carry everything it needs, and run from wherever npx puts it.
describe('the npm package', () => {
  it('packs, runs with npx from the tarball and answers tools/list over stdio', async () => {
    const out = tempDir('vl-pack-');
    execFileSync('npm', ['pack', '--pack-destination', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^video-letter-mcp-.*\.tgz$/);
    const home = tempDir('vl-npx-home-');
    server = await startServer(
      { VIDEO_LETTER_HOME: home, npm_config_yes: 'true' },
      { command: 'npx', args: ['-y', `--package=${path.join(out, tarball!)}`, 'video-letter-mcp'] },
    );
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['upload_media', 'generate_letter', 'get_state', 'export_video']),
    );
    expect(server.stderr()).toContain('ffmpeg ready');
  });

  it('holds the built server, its assets and the README, and none of the benchmark or the tests', () => {
    // The build this file runs after (npm test builds first); packing again would only rebuild it.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/client/stdio.js', 'README.md', 'package.json']));
    expect(files.filter((f) => !/^(dist|assets)\//.test(f) && f !== 'README.md' && f !== 'package.json')).toEqual([]);
    expect(files.filter((f) => /(^|\/)(bench|test)\//.test(f))).toEqual([]);
  });
});
