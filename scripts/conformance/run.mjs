// `npm run conformance`: the official MCP conformance suite's server scenarios that apply to this
// server (scripts/conformance/scenarios.mjs), against the built server over Streamable HTTP, at
// each protocol era the referee knows and the server speaks. Prints one row per scenario and era
// and exits 1 when a check fails. Dev-only: the referee is installed from npm into
// node_modules/.cache on first use, never into package.json.
//
//   npm run conformance                          # build, then every scenario that applies
//   node scripts/conformance/run.mjs --scenario tools-list --era 2025-11-25 [--scenario …]
//   (an era named with --era is run even when the server does not speak it)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { APPLIES, DOES_NOT_APPLY } from './scenarios.mjs';

// The release the TypeScript SDK's CI pins; its requirement sets cover 2025-11-25 and 2026-07-28.
const REFEREE = '@modelcontextprotocol/conformance';
const REFEREE_VERSION = '0.2.0-alpha.11';
/** The protocol eras: the stateful handshake with sessions, and stateless requests. */
const ERAS = ['2025-11-25', '2026-07-28'];
/** Extensions (the tasks extension) attach to the stateless era, the requirement sets say. */
const EXTENSION_ERA = '2026-07-28';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const say = (line) => process.stderr.write(`${line}\n`);

const { values: options } = parseArgs({
  options: { scenario: { type: 'string', multiple: true }, era: { type: 'string', multiple: true } },
});
const eras = options.era ?? ERAS;

/** Installs the pinned referee into its own folder once (npm registry only) and gives its entry. */
function installReferee() {
  const folder = path.join(root, 'node_modules', '.cache', 'mcp-conformance', REFEREE_VERSION);
  const entry = path.join(folder, 'node_modules', ...REFEREE.split('/'), 'dist', 'index.js');
  if (existsSync(entry)) return entry;
  say(`Installing ${REFEREE}@${REFEREE_VERSION} into ${path.relative(root, folder)} ...`);
  mkdirSync(folder, { recursive: true });
  // Its own package.json, so npm installs here and never touches the project's.
  writeFileSync(path.join(folder, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `${REFEREE}@${REFEREE_VERSION}`], {
    cwd: folder,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return entry;
}

/** Node's arguments for the referee: on Node 20, the hooks that stand in for fs.globSync. */
function nodeArgs() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return [];
  const hooks = pathToFileURL(path.join(root, 'scripts', 'conformance', 'node20-fs.mjs')).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  return ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
}

function referee(entry, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs(), entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** The referee's server scenarios and the spec versions each applies to. */
async function listScenarios(entry) {
  const { code, out } = await referee(entry, ['list', '--server']);
  if (code !== 0) throw new Error(`conformance list failed:\n${out}`);
  return new Map([...out.matchAll(/^\s+- (\S+) \[([^\]]*)\]/gm)].map((m) => [m[1], m[2].split(',')]));
}

/** The built server over HTTP on a free loopback port, in a home of its own (no people, no token). */
async function startServer() {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!existsSync(cli))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm run conformance does).');
  const home = mkdtempSync(path.join(os.tmpdir(), 'vl-conformance-'));
  const child = spawn(process.execPath, [cli, '--http', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), VIDEO_LETTER_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(log);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${log}`)));
  });
  const stop = () => {
    child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };
  return { url, stop };
}

/**
 * One JSON-RPC message over Streamable HTTP, written out by hand so the script serves whichever
 * SDK the server is built on. Gives the result (or error) and the session the server named.
 */
async function post(url, era, method, params, session) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': era,
      'mcp-method': method,
      ...(params?.name && { 'mcp-name': params.name }),
      ...(session && { 'mcp-session-id': session }),
    },
    body: JSON.stringify({ jsonrpc: '2.0', ...(!method.startsWith('notifications/') && { id: 1 }), method, params }),
  });
  const text = await response.text();
  const json = /^data: (.*)$/m.exec(text)?.[1] ?? text;
  let message;
  try {
    message = JSON.parse(json);
  } catch {
    message = undefined;
  }
  return { result: message?.result, error: message?.error, session: response.headers.get('mcp-session-id') };
}

const CLIENT_INFO = { name: 'video-letter-conformance', version: '1.0.0' };

/** One letter with a photo, so resources/list and resources/read have something of ours to show. */
async function addLetter(url) {
  const era = '2025-11-25';
  const { session } = await post(url, era, 'initialize', {
    protocolVersion: era,
    capabilities: {},
    clientInfo: CLIENT_INFO,
  });
  await post(url, era, 'notifications/initialized', undefined, session);
  const photo = path.join(root, 'assets', 'samples', 'friends.jpg');
  const { result, error } = await post(
    url,
    era,
    'tools/call',
    { name: 'upload_media', arguments: { path: photo } },
    session,
  );
  if (!result || result.isError) throw new Error(`upload_media failed: ${JSON.stringify(error ?? result?.content)}`);
}

/** Whether the server speaks an era: the handshake answers with it (2025) or discovery lists it (2026). */
async function speaks(url, era) {
  if (era < '2026') {
    const { result } = await post(url, era, 'initialize', {
      protocolVersion: era,
      capabilities: {},
      clientInfo: CLIENT_INFO,
    });
    return result?.protocolVersion === era;
  }
  const { result } = await post(url, era, 'server/discover', {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': era,
      'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  });
  return Array.isArray(result?.supportedVersions) && result.supportedVersions.includes(era);
}

const runsAt = (versions, era) => versions.includes(era) || (versions.includes('extension') && era === EXTENSION_ERA);

/**
 * One scenario at one era, as rows of checks. A check the referee could not exercise because a
 * fixture of its test server is missing says "Not testable: …" and is counted apart from failures.
 */
async function runScenario(entry, url, scenario, era, out, extension) {
  const dir = path.join(out, era, scenario);
  const { out: log } = await referee(entry, [
    'server',
    '--url',
    url,
    '--scenario',
    scenario,
    '--spec-version',
    era,
    '-o',
    dir,
    // The referee runs an extension scenario at a dated era only when forced to.
    ...(extension ? ['--force'] : []),
  ]);
  const result = existsSync(dir) ? readdirSync(dir).find((name) => name.startsWith(`server-${scenario}-`)) : undefined;
  if (!result) return { scenario, era, passed: 0, failed: 1, untestable: 0, messages: [`no result: ${log.trim()}`] };
  const checks = JSON.parse(readFileSync(path.join(dir, result, 'checks.json'), 'utf8'));
  const untestable = (c) => c.errorMessage?.startsWith('Not testable:');
  const counted = (status) => checks.filter((c) => c.status === status && !untestable(c)).length;
  const messages = checks
    .filter((c) => c.status === 'FAILURE' || c.status === 'WARNING')
    .map((c) => `${c.status === 'WARNING' ? 'warning ' : ''}${c.id}: ${c.errorMessage ?? ''}`);
  return {
    scenario,
    era,
    passed: counted('SUCCESS'),
    failed: counted('FAILURE'),
    warnings: counted('WARNING'),
    untestable: checks.filter(untestable).length,
    messages,
  };
}

function printTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(line(['scenario', 'era', 'passed', 'failed', 'warnings', 'needs a fixture', 'failure messages']));
  console.log(line(['---', '---', '---', '---', '---', '---', '---']));
  for (const r of rows) {
    const messages = r.messages.join('; ').replace(/\|/g, '\\|').replace(/\s+/g, ' ');
    console.log(line([r.scenario, r.era, r.passed, r.failed, r.warnings ?? 0, r.untestable, messages]));
  }
}

const entry = installReferee();
const known = await listScenarios(entry);
const unclassified = [...known.keys()].filter((name) => !APPLIES.includes(name) && !(name in DOES_NOT_APPLY));
if (unclassified.length > 0) say(`Not yet classified in scripts/conformance/scenarios.mjs: ${unclassified.join(', ')}`);
const chosen = options.scenario ?? APPLIES;
const missing = chosen.filter((name) => !known.has(name));
if (missing.length > 0) throw new Error(`The referee has no server scenario ${missing.join(', ')}`);

const server = await startServer();
const out = mkdtempSync(path.join(os.tmpdir(), 'vl-conformance-results-'));
try {
  await addLetter(server.url);
  const rows = [];
  for (const era of eras) {
    if (!(await speaks(server.url, era))) {
      // Asked for by name, an era is run anyway: its failures then say what the server lacks.
      say(
        `The server does not speak ${era}${options.era ? '; running its scenarios as asked' : ': its scenarios are not run'}.`,
      );
      if (!options.era) continue;
    }
    for (const scenario of chosen.filter((name) => runsAt(known.get(name), era))) {
      rows.push(await runScenario(entry, server.url, scenario, era, out, known.get(scenario).includes('extension')));
    }
  }
  printTable(rows);
  const sum = (key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
  say(
    `${rows.length} runs: ${sum('passed')} checks passed, ${sum('failed')} failed, ${sum('warnings')} warnings, ` +
      `${sum('untestable')} need a fixture of the SDK's test server. ${Object.keys(DOES_NOT_APPLY).length} scenarios ` +
      `do not apply (docs/mcp-surface.md#conformance). The referee's own reports: ${out}`,
  );
  process.exitCode = sum('failed') > 0 ? 1 : 0;
} finally {
  server.stop();
}
