import { promises as fs } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The engine's layout is a promise: compiling and planning are pure (timeline in, ffmpeg arguments
 * or edits out), and modules depend on each other in one direction. Both are read from the
 * TypeScript import graph of src/, type-only imports included (a shared type in the wrong file is
 * how cycles start).
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SRC = path.join(ROOT, 'src');
/** The one list of pure folders, I/O modules and layers, which eslint.config.js reads too. */
const {
  pureFolders: PURE_FOLDERS,
  ioModules: IO_MODULES,
  layers: LAYERS,
} = JSON.parse(await fs.readFile(path.join(ROOT, 'layout.json'), 'utf8')) as {
  pureFolders: string[];
  ioModules: string[];
  layers: Record<string, string[] | string>;
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

/** Each file of src/ (relative path) → what it imports: other files of src/, or package and node: names. */
async function importGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const file of await sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(await fs.readFile(file, 'utf8'), true, true);
    graph.set(
      path.relative(ROOT, file),
      importedFiles.map(({ fileName }) =>
        fileName.startsWith('.')
          ? path.relative(ROOT, path.resolve(path.dirname(file), fileName)).replace(/\.js$/, '.ts')
          : fileName.replace(/^node:/, ''),
      ),
    );
  }
  return graph;
}

/** Each file of src/ → the files of src/ it imports with an import or export declaration (what loads with it). */
async function staticImports(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const file of await sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, await fs.readFile(file, 'utf8'), ts.ScriptTarget.Latest);
    const specifiers = source.statements.flatMap((s) =>
      (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
      s.moduleSpecifier &&
      ts.isStringLiteral(s.moduleSpecifier)
        ? [s.moduleSpecifier.text]
        : [],
    );
    graph.set(
      path.relative(ROOT, file),
      specifiers
        .filter((s) => s.startsWith('.'))
        .map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)).replace(/\.js$/, '.ts')),
    );
  }
  return graph;
}

/** The chain of imports by which `from` reaches an I/O module, if it does. */
function ioChain(graph: Map<string, string[]>, from: string, seen = new Set<string>()): string[] | undefined {
  if (seen.has(from)) return undefined;
  seen.add(from);
  for (const target of graph.get(from) ?? []) {
    if (IO_MODULES.includes(target)) return [from, target];
    const rest = graph.has(target) ? ioChain(graph, target, seen) : undefined;
    if (rest) return [from, ...rest];
  }
  return undefined;
}

/** Groups of files that import each other in a circle (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of (graph.get(v) ?? []).filter((t) => graph.has(t))) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || graph.get(v)?.includes(v)) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the layout of src/', () => {
  it('keeps compiling and planning pure: nothing under render/compile or plan reaches files, processes, sharp or canvas', async () => {
    const graph = await importGraph();
    const pure = [...graph.keys()].filter((f) => PURE_FOLDERS.some((folder) => f.startsWith(folder)));
    expect(pure).toContain('src/backends/local/render/compile/compile.ts');
    expect(pure).toContain('src/backends/local/plan/plan.ts');
    expect(pure).toContain('src/core/timeline/model.ts');
    expect(pure).toContain('src/core/intent/route.ts');
    const impure = pure
      .map((f) => ioChain(graph, f))
      .filter((chain) => chain !== undefined)
      .map((chain) => chain.join(' → '));
    expect(impure).toEqual([]);
  });

  it('finds the file system behind the edges that do touch it (the check sees through imports)', async () => {
    const graph = await importGraph();
    expect(ioChain(graph, 'src/backends/local/render/run/render-export.ts')).toBeDefined();
    expect(ioChain(graph, 'src/backends/local/storyboard.ts')).toContain('@napi-rs/canvas');
  });

  it('keeps the layers apart: core imports no other layer, mcp no hosting, backends no MCP, nothing shipped imports dev/', async () => {
    const graph = await staticImports();
    const rules = Object.entries(LAYERS).filter((rule): rule is [string, string[]] => Array.isArray(rule[1]));
    expect(rules.map(([layer]) => layer)).toEqual(expect.arrayContaining(['src/core/', 'src/mcp/', 'src/backends/']));
    const crossings = [...graph].flatMap(([file, targets]) =>
      rules
        .filter(([layer]) => file.startsWith(layer))
        .flatMap(([, banned]) =>
          targets.filter((t) => banned.some((b) => t.startsWith(b))).map((t) => `${file} → ${t}`),
        ),
    );
    expect(crossings).toEqual([]);
  });

  it('sees a crossing where there is one (the check reads declarations, not dynamic imports)', async () => {
    const graph = await staticImports();
    expect(graph.get('src/hosting/http/http.ts')).toContain('src/mcp/caller-policy.ts');
    expect(graph.get('src/cli.ts')?.some((t) => t.startsWith('src/hosting/'))).toBe(false);
  });

  it('has no import cycle', async () => {
    expect(cycles(await importGraph())).toEqual([]);
  });
});
