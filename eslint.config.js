// Lint rules, including the layering of STYLE.md: each folder may import only what its
// runtime allows, and the numerical core may not read clocks or Math.random.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'https', 'zlib', 'stream', 'stream/*', 'events', 'util'];
const forbid = (groups, why) => ({ group: groups, message: why });

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(nodeBuiltins, 'src/core is pure TypeScript: file and OS access belong in src/cli, src/main or workers.'),
        forbid(['electron', 'vue', 'pinia', '**/main/**', '**/cli/**', '**/renderer/**', '**/preload/**', '**/workers/**'], 'src/core depends on nothing but src/core and src/shared.'),
      ] }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Pass a seeded Rng: runs must be bit-reproducible.' },
        { object: 'Date', property: 'now', message: 'Time the core from outside; the core is deterministic.' },
        { object: 'performance', property: 'now', message: 'Time the core from outside; the core is deterministic.' },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document', 'performance', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(nodeBuiltins, 'src/shared holds contracts and types used by every runtime.'),
        forbid(['electron', 'vue', 'pinia', '**/main/**', '**/cli/**', '**/renderer/**', '**/preload/**', '**/workers/**'], 'src/shared depends only on src/core (pure code) and libraries that run everywhere.'),
      ] }],
    },
  },
  // Vue single-file components: the plugin's essential rules, TypeScript inside <script>.
  ...pluginVue.configs['flat/essential'],
  {
    files: ['src/renderer/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(nodeBuiltins, 'The renderer is sandboxed: reach the main process through the LabApi contract.'),
        forbid(['electron', '**/main/**', '**/cli/**', '**/workers/**', '**/preload/**'], 'The renderer talks to main only through src/shared contracts.'),
      ] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['**/main/**', '**/cli/**', '**/renderer/**', '**/workers/**', 'vue'], 'The preload only bridges the src/shared contract.'),
      ] }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['electron', 'vue', 'pinia', '**/renderer/**', '**/preload/**'], 'The CLI and workers run in plain Node without Electron.'),
      ] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['vue', 'pinia', '**/renderer/**', '**/preload/**', '**/cli/**'], 'Main serves the renderer through the contract; it does not import UI or CLI code.'),
      ] }],
    },
  },
);
