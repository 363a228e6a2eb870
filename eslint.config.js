// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import layout from './layout.json' with { type: 'json' };

// Planning and compiling are functions from data to data: files, processes, images and the network
// belong to the edges (intake, render/prepare, render/run), which hand their results in.
const PURE_FOLDERS = layout.pureFolders.map((folder) => `${folder}**`);
const PURE_MESSAGE =
  'is I/O; a pure folder takes data in and gives data back (do the I/O at the edge and pass the result in)';
const IO_MODULES = layout.ioModules.flatMap((name) =>
  ['fs', 'fs/promises', 'child_process'].includes(name) ? [name, `node:${name}`] : [name],
);

export default defineConfig(
  {
    ignores: ['dist/', 'build/', 'out/', 'coverage/', 'node_modules/', 'bench/results/', 'bench/media/', 'assets/'],
  },
  // A deliberate cycle that test/lint.test.ts lints to show the no-cycle rule works.
  { ignores: ['test/fixtures/import-cycle/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Lets import-x read .ts modules (without it no-cycle sees no TypeScript file and finds nothing).
  importX.flatConfigs.typescript,
  {
    languageOptions: { globals: globals.node },
    settings: {
      // Resolves our `./foo.js` specifiers to the `.ts` files beside them, as tsc does.
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      // Packages cannot import our modules back, so the search stays inside the project.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Unused names are errors, except the `_name` convention (a parameter or a field left out on purpose).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An async method is how we implement a Promise-returning interface, even when it awaits nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: PURE_FOLDERS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: IO_MODULES.map((name) => ({ name, message: `${name} ${PURE_MESSAGE}`, allowTypeImports: true })),
        },
      ],
    },
  },
);
