import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
}

// The one-click Claude Desktop install: `npm run bundle` makes an .mcpb that the official mcpb
// CLI validates; unpacked as Claude Desktop does, its manifest's command starts a working server.
describe('the Claude Desktop extension bundle', () => {
  it('is validated by the mcpb CLI, unpacks, and its manifest command answers tools/list', async () => {
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
    // Installing the production packages and zipping them takes minutes on a busy shared machine.
  }, 900_000);

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
