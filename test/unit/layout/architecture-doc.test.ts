import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md is the map of the tree: a newcomer reads it before opening a folder, so it
 * names every top-level folder of src/ and no path that is not there.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const doc = await fs.readFile(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
/** Every `src/...` path the document names, in backticks, without a trailing slash. */
const named = [...doc.matchAll(/`(src\/[^`\s*{]*)`/g)].map((m) => m[1]!.replace(/\/$/, ''));

describe('docs/architecture.md', () => {
  it('names every top-level folder of src/', async () => {
    const folders = (await fs.readdir(path.join(ROOT, 'src'), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}`);
    const mentioned = new Set(named.map((p) => p.split('/').slice(0, 2).join('/')));
    expect(folders.filter((f) => !mentioned.has(f))).toEqual([]);
  });

  it('names no path that is not in the tree', () => {
    expect(named.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });
});
