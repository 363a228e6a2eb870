import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README is what a person reads first: short enough to read whole, with everything else a page
 * under docs/ that it links to. Links and named paths are checked so a move in the tree cannot
 * leave a page pointing at nothing.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const docs = readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const pages = ['README.md', ...docs];

/** Markdown outside fenced code blocks, where a link or a path is meant as one. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** Relative link targets of a page: `[text](target)` and `![alt](target)`, without web links. */
function links(file: string): string[] {
  return [...prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchors = (file: string) => [...prose(read(file)).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1]!));

describe('the README', () => {
  it('is under 200 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThan(200);
  });

  it('gives the test command CI runs last, exactly', () => {
    const testLine = /^(npm install && npm test)\s+#/m.exec(read('README.md'))?.[1];
    const ciLines = read('.ci/run')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(testLine).toBe('npm install && npm test');
    expect(ciLines.at(-1)).toBe(testLine);
  });

  it('links every page under docs/', () => {
    const linked = new Set(links('README.md').map((target) => target.split('#')[0]));
    expect(docs.filter((page) => !linked.has(page))).toEqual([]);
  });
});

describe('README.md and docs/*.md', () => {
  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const broken = links(page).filter((target) => {
      const [file, hash] = target.split('#') as [string, string | undefined];
      const resolved = file === '' ? page : path.join(path.dirname(page), decodeURI(file));
      if (!existsSync(path.join(ROOT, resolved))) return true;
      return hash !== undefined && resolved.endsWith('.md') && !anchors(resolved).includes(hash);
    });
    expect(broken).toEqual([]);
  });

  it.each(pages)('%s names only src/, test/ and scripts/ paths that exist', (page) => {
    const named = [...read(page).matchAll(/`((?:src|test|scripts)\/[^`\s*{<…]*)`/g)].map((m) =>
      m[1]!.replace(/\/$/, ''),
    );
    expect(named.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });
});
