import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { FACE_FILES, SUBSET_FILES } from '../../src/backends/local/text/font-files.js';
import { probeVideo } from '../helpers/media.js';
import { ROOT, SAMPLES, startServer, structured, tempDir, type RunningServer } from '../helpers/server.js';

let server: RunningServer | undefined;
let unpacked: string;

afterAll(async () => {
  await server?.close();
});

interface Manifest {
  server: { mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  tools: { name: string }[];
  user_config: Record<string, { type: string }>;
  display_name: string;
  homepage: string;
  icon: string;
  icons: { src: string; size: string; theme: string }[];
  screenshots: string[];
  privacy_policies: string[];
}

/** A PNG in the unpacked bundle, and its size as WxH. */
async function pngSize(file: string): Promise<string> {
  const { format, width, height } = await sharp(file).metadata();
  expect(format, file).toBe('png');
  return `${width}x${height}`;
}

// The one-click Claude Desktop install: `npm run bundle` makes an .mcpb that the official mcpb
// CLI validates; unpacked as Claude Desktop does, its manifest's command starts a working server.
describe('the Claude Desktop extension bundle', () => {
  it('is validated by the mcpb CLI, unpacks, its manifest command answers tools/list, and its page has icons, screenshots and the privacy policy', async () => {
    // `npm test` has just built dist/, so the script's own build step is skipped here.
    const bundle = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-mcpb.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    expect(bundle).toMatch(/\.mcpb$/);
    unpacked = tempDir('vl-mcpb-unpacked-');
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'mcpb'), ['unpack', bundle, unpacked], { stdio: 'ignore' });
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.user_config.output_dir?.type).toBe('directory');
    const output = tempDir('vl-mcpb-out-');
    const fill = (s: string) => s.replace('${__dirname}', unpacked).replace('${user_config.output_dir}', output);
    const { command, args, env } = manifest.server.mcp_config;
    server = await startServer(
      { VIDEO_LETTER_HOME: tempDir(), ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])) },
      { command: command === 'node' ? process.execPath : command, args: args.map(fill) },
    );
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(manifest.tools.map((t) => t.name).sort());
    // The icons are read from the bundle's own assets: every tool shows one there too.
    for (const tool of tools)
      expect(tool.icons?.map((i) => i.theme).sort(), tool.name).toEqual(['dark', 'dark', 'light', 'light']);

    // What Claude Desktop shows on the extension's page: its name, icon, pictures of a letter, and the
    // privacy policy for the cloud backend, which sends a person's media to NemoVideo.
    expect(manifest.display_name).toBe('Video Letter');
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(await pngSize(path.join(unpacked, manifest.icon))).toBe('512x512');
    expect(manifest.icons.map((i) => i.theme).sort()).toEqual(['dark', 'light']);
    for (const icon of manifest.icons) expect(await pngSize(path.join(unpacked, icon.src))).toBe(icon.size);
    expect(manifest.screenshots).toHaveLength(2);
    for (const shot of manifest.screenshots) expect(await pngSize(path.join(unpacked, shot))).toBe('800x450');
    expect(manifest.privacy_policies).toHaveLength(1);
    expect(manifest.privacy_policies[0]).toMatch(
      /^https:\/\/github\.com\/[^/]+\/video-letter-mcp\/blob\/main\/docs\/privacy\.md$/,
    );
    expect(existsSync(path.join(ROOT, 'docs', 'privacy.md'))).toBe(true);
  }, 1_200_000); // installing, packing and unpacking ~700 MB of dependencies on 2 shared cores outlasts 5 minutes

  // The bundle leaves out what the server never reads (scripts/bundle-mcpb.mjs): these are the
  // parts a slimmer list could cut by mistake.
  it('holds every font file the text cards register', () => {
    const modules = path.join(unpacked, 'node_modules');
    expect(FACE_FILES.filter((f) => !existsSync(path.join(modules, f.pkg, f.file)))).toEqual([]);
    const subsets = (pkg: string, ending: string) =>
      readdirSync(path.join(modules, pkg, 'files')).filter((file) => file.endsWith(ending));
    expect(SUBSET_FILES.filter((f) => subsets(f.pkg, f.ending).length === 0)).toEqual([]);
    // Only those: the other weights and formats stay out.
    expect(
      readdirSync(path.join(modules, '@fontsource/noto-sans-sc', 'files')).every((f) =>
        f.endsWith('-500-normal.woff2'),
      ),
    ).toBe(true);
  });

  it('makes a letter: the face in a photo found, the message in four scripts read aloud, an MP4 out', async () => {
    const face = path.join(ROOT, 'test', 'fixtures', 'faces', 'landscape-right.jpg');
    const first = structured<{ project_id: string }>(await server!.call('upload_media', { path: face }));
    const projectId = first.project_id;
    await server!.call('upload_media', { project_id: projectId, path: path.join(SAMPLES, 'sunset.jpg') });
    await server!.call('generate_letter', {
      project_id: projectId,
      title: 'Dear Grandma ❤️',
      message: 'I miss you so much. 我想你。 See you at Christmas!',
      closing: 'שלום · سلام',
      narration: true,
    });
    const state = structured<{ media: { picture?: { faces: unknown[] } }[] }>(
      await server!.call('get_state', { project_id: projectId }),
    );
    expect(state.media.map((m) => m.picture?.faces.length)).toEqual([1, 0]);
    const exported = structured<{ status: string; path: string }>(
      await server!.call('export_video', { project_id: projectId, quality: 'preview' }),
    );
    expect(exported.status).toBe('done');
    const video = await probeVideo(exported.path);
    expect([video.videoCodec, video.audioCodec]).toEqual(['h264', 'aac']);
  });
});
