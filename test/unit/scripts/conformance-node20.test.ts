import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * scripts/conformance/node20-fs.mjs, the module hook `npm run conformance` gives the MCP conformance
 * referee on Node 20, tried on stand-ins for the referee's bundle: a module under
 * node_modules/@modelcontextprotocol/conformance/ that imports fs as the bundle does, and the same
 * module anywhere else.
 */
const HOOKS = pathToFileURL(path.resolve(import.meta.dirname, '../../../scripts/conformance/node20-fs.mjs')).href;
const BUNDLE = `import { existsSync, globSync } from "fs";
console.log(JSON.stringify({ existsSync: existsSync("/"), globSync: (() => { try { return globSync("*"); } catch (e) { return e.message; } })() }));`;

function runUnderHooks(folder: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vl-conformance-hooks-'));
  const dir = path.join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.mjs'), BUNDLE);
  const register = `import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`;
  return spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(dir, 'index.mjs')],
    { encoding: 'utf8' },
  );
}

describe('the conformance referee on Node 20', () => {
  it('loads with every fs export it names, and a globSync that says it needs Node 22', () => {
    const run = runUnderHooks('node_modules/@modelcontextprotocol/conformance/dist');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ existsSync: true, globSync: 'fs.globSync needs Node 22' });
  });

  it('leaves the fs of every other module as Node has it', () => {
    const run = runUnderHooks('node_modules/some-other-package');
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= 22) expect(JSON.parse(run.stdout).globSync).toBeInstanceOf(Array);
    else expect(run.stderr).toMatch(/does not provide an export named 'globSync'/);
  });
});
