import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES } from '../../../src/config.js';
import { ROOT } from '../../helpers/server.js';

/**
 * server.json is the server's entry in the MCP registry. It is valid against the registry's own
 * schema (2025-12-11, vendored byte for byte in test/fixtures/registry/ so this runs offline), and
 * it says what package.json says: the registry checks the npm package's `mcpName` against `name`.
 */
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
const SCHEMA_FILE = path.join(ROOT, 'test', 'fixtures', 'registry', 'server.schema.json');
/** sha256 of https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json */
const SCHEMA_SHA256 = '3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0';

interface Variable {
  name: string;
  isSecret?: boolean;
  default?: string;
  choices?: string[];
  format?: string;
}
interface ServerJson {
  $schema: string;
  name: string;
  version: string;
  websiteUrl: string;
  repository: { url: string; source: string };
  icons: { src: string; theme?: string; mimeType?: string }[];
  packages: {
    registryType: string;
    identifier: string;
    version: string;
    transport: { type: string };
    environmentVariables: Variable[];
  }[];
}

const serverJson = read('server.json') as unknown as ServerJson;
const pkg = read('package.json') as {
  name: string;
  version: string;
  mcpName: string;
  homepage: string;
  repository: { url: string };
};

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
}

describe('server.json for the MCP registry', () => {
  it('is valid against the registry schema it names, vendored unedited', () => {
    expect(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex')).toBe(SCHEMA_SHA256);
    expect(serverJson.$schema).toBe('https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json');
    const validate = validator();
    expect(validate(serverJson), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema refuses what the registry refuses (a description over 100 characters, a second slash in the name)', () => {
    const validate = validator();
    expect(validate({ ...serverJson, description: 'x'.repeat(101) })).toBe(false);
    expect(validate({ ...serverJson, name: 'io.github.video-letter/video/letter' })).toBe(false);
  });

  it('has the name, version, repository and website package.json has', () => {
    expect(serverJson.name).toBe(pkg.mcpName);
    expect(pkg.mcpName).toMatch(/^io\.github\.[^/]+\/video-letter-mcp$/);
    expect(serverJson.version).toBe(pkg.version);
    expect(serverJson.websiteUrl).toBe(pkg.homepage);
    expect(serverJson.repository).toEqual({
      url: pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''),
      source: 'github',
    });
    // io.github.<owner>/… is proven by signing in to GitHub as <owner>: the repository's owner.
    expect(serverJson.repository.url).toBe(`https://github.com/${pkg.mcpName.slice('io.github.'.length)}`);
  });

  it('installs the npm package of this version, started over stdio', () => {
    expect(serverJson.packages).toHaveLength(1);
    expect(serverJson.packages[0]).toMatchObject({
      registryType: 'npm',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });
  });

  it('names only settings the server reads, with defaults and choices it accepts, and the token as a secret', () => {
    const variables = serverJson.packages[0]!.environmentVariables;
    expect(variables.map((v) => v.name).filter((n) => !SETTING_NAMES.includes(n))).toEqual([]);
    for (const v of variables) {
      for (const value of [...(v.choices ?? []), ...(v.default !== undefined ? [v.default] : [])])
        expect(() => loadConfig({ [v.name]: value }), `${v.name}=${value}`).not.toThrow();
      if (v.choices && v.default !== undefined) expect(v.choices).toContain(v.default);
    }
    const defaults = loadConfig({});
    const byName = new Map(variables.map((v) => [v.name, v]));
    expect(byName.get('VIDEO_LETTER_BACKEND')?.default).toBe(defaults.backend);
    expect(byName.get('VIDEO_LETTER_CONFIRM')?.default).toBe(defaults.confirm);
    expect(Number(byName.get('VIDEO_LETTER_EXPORT_WAIT_SECONDS')?.default) * 1000).toBe(defaults.exportWaitMs);
    expect(Number(byName.get('NEMO_EXPORT_CREDITS')?.default)).toBe(defaults.cloud.exportCredits);
    expect(byName.get('NEMO_API_URL')?.default).toBe(defaults.cloud.apiUrl);
    expect(variables.filter((v) => v.isSecret).map((v) => v.name)).toEqual(['NEMO_TOKEN', 'NEMO_CLIENT_ID']);
  });

  it("shows the server's light and dark icons from this version's files in the repository", () => {
    expect(new Set(serverJson.icons.map((i) => i.theme))).toEqual(new Set(['light', 'dark']));
    const tagged = `${serverJson.repository.url.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/v${pkg.version}/`;
    for (const icon of serverJson.icons) {
      expect(icon.src.startsWith(tagged), icon.src).toBe(true);
      expect(existsSync(path.join(ROOT, icon.src.slice(tagged.length))), icon.src).toBe(true);
    }
  });
});
