// Lint rules, including the import rules that keep the layers apart (ARCHITECTURE.md "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'http', 'os', 'child_process', 'url'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'drizzle/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'src/shared runs anywhere: no Node built-ins.' },
            { group: ['electron'], message: 'src/shared runs anywhere: no electron.' },
            {
              group: ['**/main/**', '**/renderer/**', 'react', 'react-dom'],
              message: 'src/shared depends on nothing else.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
            { group: ['electron'], message: 'The renderer talks to main only through window.lplate.' },
            {
              group: ['**/main/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'stripe'],
              message: 'The renderer never touches the database or Stripe.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message:
                'The core runs under plain Node: only src/main/electron/ and src/main/index.ts import electron.',
            },
            { group: ['**/renderer/**'], message: 'main does not import the renderer.' },
          ],
        },
      ],
    },
  },
);
