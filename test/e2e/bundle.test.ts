import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, tempDir, type RunningServer } from '../helpers/server.js';

let server: RunningServer | undefined;

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
    const unpacked = tempDir('vl-mcpb-unpacked-');
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
  });
});
