// Lint: typescript-eslint with type information, so floating promises are caught. The core stays pure:
// no `vscode` and no feature adapters under src/core (it runs in Node, workers and the CLI).
import { dirname, relative, resolve } from 'node:path';
import tseslint from 'typescript-eslint';

/** Reports relative imports in src/core that resolve outside it (the VS Code adapters, the CLI, webviews). */
const stayInCore = {
  meta: {
    type: 'problem',
    messages: {
      outside:
        'src/core must not import {{path}}: it is outside the pure core (adapters depend on the core, never the reverse).',
    },
  },
  create(context) {
    const core = resolve(import.meta.dirname, 'src', 'core');
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(context.filename), source);
      if (relative(core, target).startsWith('..'))
        context.report({ node, messageId: 'outside', data: { path: source } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-results/**',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use a seeded generator or node:crypto.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    plugins: { studio: { rules: { 'stay-in-core': stayInCore } } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/core is pure TypeScript: no vscode import (adapters live in src/<feature>/).',
            },
          ],
        },
      ],
      'studio/stay-in-core': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
