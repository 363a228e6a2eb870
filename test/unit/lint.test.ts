import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own eslint.config.js, limited to the rule under test and without type information
// (the probes below are not files tsc knows), so a rule that silently matches nothing fails here.
const lint = (ruleId: string) =>
  new ESLint({
    ignore: false,
    ruleFilter: (rule) => rule.ruleId === ruleId,
    overrideConfig: { files: ['src/**/*.ts'], languageOptions: { parserOptions: { projectService: false } } },
  });

const IO_IMPORTS = `
import { readFileSync } from 'node:fs';
import { readFile } from 'fs/promises';
import { execFile } from 'node:child_process';
import sharp from 'sharp';
import { createCanvas } from '@napi-rs/canvas';
import { request } from 'undici';
export const io = [readFileSync, readFile, execFile, sharp, createCanvas, request];
`;

async function restrictedImports(filePath: string, code = IO_IMPORTS): Promise<string[]> {
  const [result] = await lint('@typescript-eslint/no-restricted-imports').lintText(code, { filePath });
  return result!.messages.map((m) => m.message.split("'")[1]!);
}

describe('pure folders import no I/O', () => {
  const PURE = [
    'src/timeline/probe.ts',
    'src/intent/probe.ts',
    'src/intent/edits/probe.ts',
    'src/backends/local/render/compile/probe.ts',
    'src/backends/local/render/pictures.ts',
  ];

  it.each(PURE)('%s may not import fs, child_process, sharp, canvas or undici', async (file) => {
    expect(await restrictedImports(file)).toEqual([
      'node:fs',
      'fs/promises',
      'node:child_process',
      'sharp',
      '@napi-rs/canvas',
      'undici',
    ]);
  });

  it('a type from an I/O package is allowed, since it is gone once compiled', async () => {
    expect(
      await restrictedImports(PURE[0]!, "import type { Sharp } from 'sharp';\nexport type Photo = Sharp;\n"),
    ).toEqual([]);
  });

  it('the edges (intake, render/run) do their I/O freely', async () => {
    expect(await restrictedImports('src/backends/local/intake/probe.ts')).toEqual([]);
    expect(await restrictedImports('src/backends/local/render/run/probe.ts')).toEqual([]);
  });
});

describe('no import cycles', () => {
  it('finds a cycle between two .ts modules that import each other as ./x.js', async () => {
    const dir = path.join(import.meta.dirname, '../fixtures/import-cycle');
    const results = await lint('import-x/no-cycle').lintFiles([dir]);
    const reported = results.map((r) => [path.basename(r.filePath), r.messages.map((m) => m.ruleId)]);
    expect(reported).toEqual([
      ['letter.ts', ['import-x/no-cycle']],
      ['photo.ts', ['import-x/no-cycle']],
    ]);
  });
});
