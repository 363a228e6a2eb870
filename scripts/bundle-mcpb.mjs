// `npm run bundle`: the Claude Desktop extension (an MCPB bundle). The built server and its
// production dependencies are staged in build/mcpb/, the manifest lists the tools the staged
// server itself reports over stdio (so it can never drift from the code), and the official mcpb
// CLI validates and packs it into out/. Only the bundle's path goes to stdout. Native parts (sharp, canvas, the bundled ffmpeg) are the
// ones npm installed for this machine, so the bundle is built on, and for, one platform.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { FACE_FILES, SUBSET_FILES } from '../dist/backends/local/text/font-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, 'build', 'mcpb');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const mcpb = path.join(root, 'node_modules', '.bin', 'mcpb');
const say = (line) => process.stderr.write(`${line}\n`);

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
// dist/dev (the demo and its MCP client) and the sample photos are not part of what people install.
const notShipped = [path.join(root, 'dist', 'dev'), path.join(root, 'assets', 'samples')];
for (const entry of ['dist', 'assets', 'package.json', 'package-lock.json', 'README.md'])
  cpSync(path.join(root, entry), path.join(stage, entry), {
    recursive: true,
    filter: (source) => !notShipped.some((out) => source.startsWith(out)),
  });
// Claude Desktop shows these on the extension's page: frames of a real letter (docs/screenshots/).
const screenshots = ['letter-title.png', 'letter-photo.png'].map((file) => `screenshots/${file}`);
for (const file of screenshots) cpSync(path.join(root, 'docs', file), path.join(stage, file));
// https://github.com/<owner>/<name>, from package.json's repository.
const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
say('Installing production dependencies into build/mcpb ...');
execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
  cwd: stage,
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function listTools() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(stage, 'dist', 'cli.js')],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      VIDEO_LETTER_HOME: mkdtempSync(path.join(os.tmpdir(), 'vl-mcpb-')),
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'video-letter-bundle', version: pkg.version });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return tools.map((t) => ({ name: t.name, description: (t.description ?? t.title ?? t.name).split('\n')[0] }));
  } finally {
    await client.close();
  }
}

const manifest = {
  manifest_version: '0.3',
  name: pkg.name,
  display_name: 'Video Letter',
  version: pkg.version,
  description: pkg.description,
  long_description:
    'Turn a message, photos, short clips and a voice recording into a heartfelt 1080p MP4 video letter, ' +
    'rendered on this computer with ffmpeg: gentle motion on every photo, the message on screen, a title and a ' +
    'closing card, background music that dips under the voice. No account and no network needed. ' +
    '(With VIDEO_LETTER_BACKEND=cloud the letter is made by NemoVideo instead, which receives your media: see the privacy policy.)',
  author: { name: 'video-letter-mcp developers', url: repository },
  repository: { type: 'git', url: repository },
  homepage: pkg.homepage,
  documentation: `${repository}#readme`,
  support: `${repository}/issues`,
  // The server's icon (scripts/render-icons.mjs), light and dark; `icon` is the one older hosts read.
  icon: 'assets/icons/video-letter-light-512.png',
  icons: ['light', 'dark'].map((theme) => ({
    src: `assets/icons/video-letter-${theme}-512.png`,
    size: '512x512',
    theme,
  })),
  screenshots,
  // The cloud backend sends a person's media to NemoVideo; docs/privacy.md says what goes where.
  privacy_policies: [`${repository}/blob/main/docs/privacy.md`],
  license: pkg.license,
  keywords: ['video', 'letter', 'photos', 'slideshow', 'ffmpeg'],
  server: {
    type: 'node',
    entry_point: 'dist/cli.js',
    mcp_config: {
      command: 'node',
      args: ['${__dirname}/dist/cli.js'],
      env: { VIDEO_LETTER_OUTPUT_DIR: '${user_config.output_dir}' },
    },
  },
  tools: await listTools(),
  compatibility: { platforms: [process.platform], runtimes: { node: pkg.engines.node } },
  user_config: {
    output_dir: {
      type: 'directory',
      title: 'Where finished letters go',
      description: 'The folder the finished MP4 video letters (and their .srt captions) are saved in.',
      default: '${DOCUMENTS}/Video letters',
      required: false,
    },
  },
};
writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(path.join(stage, '.mcpbignore'), `${leftOut().join('\n')}\n`);

/**
 * What of node_modules the server never reads, left out of the bundle (the mcpb CLI already leaves
 * out source maps and .d.ts files). test/e2e/bundle.test.ts makes a letter with the unpacked bundle:
 * a photo's face found, words in several scripts and an emoji drawn, the message read aloud.
 */
function leftOut() {
  const keepOnly = (pkg, kept) => [
    `node_modules/${pkg}/**`,
    `!node_modules/${pkg}/package.json`,
    `!node_modules/${pkg}/LICEN[CS]E*`,
    ...kept.flatMap((file) => [
      ...parents(file).map((dir) => `!node_modules/${pkg}/${dir}`),
      `!node_modules/${pkg}/${file}`,
    ]),
  ];
  const parents = (file) =>
    file
      .split('/')
      .slice(0, -1)
      .map((_, i, dirs) => dirs.slice(0, i + 1).join('/'));
  const fonts = [...new Set([...FACE_FILES, ...SUBSET_FILES].map((f) => f.pkg))].flatMap((pkg) =>
    keepOnly(pkg, [
      ...FACE_FILES.filter((f) => f.pkg === pkg).map((f) => f.file),
      ...SUBSET_FILES.filter((f) => f.pkg === pkg).map((f) => `files/*${f.ending}`),
    ]),
  );
  return [
    // Read by nobody at run time: documentation, tests, examples, TypeScript sources, type packages.
    'node_modules/**/*.md',
    'node_modules/**/*.markdown',
    '!node_modules/**/LICEN[CS]E*',
    'node_modules/**/*.ts',
    'node_modules/**/*.mts',
    'node_modules/**/*.cts',
    'node_modules/**/test/',
    'node_modules/**/tests/',
    'node_modules/**/__tests__/',
    'node_modules/**/example/',
    'node_modules/**/examples/',
    'node_modules/@types/',
    // Only the font files the text cards register (src/backends/local/text/font-files.ts).
    ...fonts,
    // TensorFlow.js in Node runs each package's dist/*.node.js bundle (and the wasm backend's .wasm
    // files); its browser bundles and per-module ES files are never loaded. core-js, which tfjs
    // lists for browsers, is not required by those bundles.
    'node_modules/@tensorflow/*/dist/**',
    '!node_modules/@tensorflow/*/dist/*.node.js',
    '!node_modules/@tensorflow/*/dist/*.wasm',
    'node_modules/core-js/',
    // face-api: its node-wasm build and the tiny face detector's model (face-worker.ts).
    ...keepOnly('@vladmandic/face-api', [
      'dist/face-api.node-wasm.js',
      'model/tiny_face_detector_model-weights_manifest.json',
      'model/tiny_face_detector_model.bin',
    ]),
  ];
}

execFileSync(mcpb, ['validate', path.join(stage, 'manifest.json')], { stdio: ['ignore', 2, 2] });
mkdirSync(path.join(root, 'out'), { recursive: true });
const bundle = path.join(root, 'out', `${pkg.name}-${pkg.version}-${process.platform}-${process.arch}.mcpb`);
execFileSync(mcpb, ['pack', stage, bundle], { stdio: ['ignore', 2, 2] });
say(`Claude Desktop extension: ${bundle}`);
process.stdout.write(`${bundle}\n`);
