// Lint rules, including the layering that ARCHITECTURE.md draws: each folder imports only the
// layers its arrows allow and what its runtime has, and the numerical core is deterministic.
// Every layer message starts with the rule's name, e.g. [renderer-imports-shared-only].
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';

/** A relative import that reaches into one of the named top-level folders (src/<layer> or workers). */
const ourLayers = (...layers) => `^\\.\\.?/(?:\\.\\./)*(?:src/)?(?:${layers.join('|')})(?:/|$)`;
const rule = (name, regex, why) => ({ regex, message: `[${name}] ${why} See ARCHITECTURE.md.` });

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'https', 'zlib', 'stream', 'stream/*', 'events', 'util', 'v8', 'module', 'net'];
const anyNodeBuiltin = `^(?:${nodeBuiltins.map((name) => name.replace('*', '.*')).join('|')})$`;

const appLibraries = '^(?:electron|vue|pinia|naive-ui)(?:/|$)';
/** The import rules of one layer: every pattern listed applies to its files. */
const layer = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

// Files, the database and thread pools belong to src/main and src/cli.
const ioOnlyInMainAndCli = rule(
  'io-only-in-main-and-cli',
  '^(?:node:)?fs(?:/.*)?$|^piscina$|^libsql$|(?:^|/)main/store(?:/|$)',
  'Only src/main and src/cli touch node:fs, the store (src/main/store) and Piscina: pass data in, not paths.',
);

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
  layer(['src/core/**/*.ts'],
    ioOnlyInMainAndCli,
    rule('core-imports-core-only', '^[^.]', 'src/core is pure TypeScript numerics: no package, no Node built-in, no charting.'),
    rule('core-imports-core-only', ourLayers('shared', 'main', 'cli', 'renderer', 'preload', 'report', 'workers'), 'src/core imports nothing of ours outside src/core.'),
  ),
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: '[core-is-deterministic] Pass a seeded Rng: runs must be bit-reproducible.' },
        { object: 'Date', property: 'now', message: '[core-is-deterministic] Time the core from outside; the core is deterministic.' },
        { object: 'performance', property: 'now', message: '[core-is-deterministic] Time the core from outside; the core is deterministic.' },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document', 'performance', 'setTimeout', 'setInterval'],
    },
  },
  layer(['src/shared/**/*.ts'],
    ioOnlyInMainAndCli,
    rule('shared-imports-core-only', anyNodeBuiltin, 'src/shared runs in every runtime (the renderer too): no Node built-in.'),
    rule('shared-imports-core-only', appLibraries, 'src/shared uses only libraries that run everywhere.'),
    rule('shared-imports-core-only', ourLayers('main', 'cli', 'renderer', 'preload', 'report', 'workers'), 'src/shared may import src/core (types and pure functions), nothing above it.'),
  ),
  layer(['src/report/**/*.ts'],
    ioOnlyInMainAndCli,
    rule('report-imports-core-and-shared', anyNodeBuiltin, 'src/report turns a report model into text; its callers write the files.'),
    rule('report-imports-core-and-shared', appLibraries, 'src/report renders in plain Node, without the app.'),
    rule('report-imports-core-and-shared', ourLayers('main', 'cli', 'renderer', 'preload', 'workers'), 'src/report imports src/shared and src/core only.'),
  ),
  // Vue single-file components: the plugin's essential rules, TypeScript inside <script>.
  ...pluginVue.configs['flat/essential'],
  {
    files: ['src/renderer/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  { files: ['src/renderer/**/*.ts', 'src/renderer/**/*.vue'], languageOptions: { globals: { ...globals.browser } } },
  layer(['src/renderer/**/*.ts', 'src/renderer/**/*.vue'],
    ioOnlyInMainAndCli,
    rule('renderer-imports-shared-only', anyNodeBuiltin, 'The renderer is sandboxed: reach the main process through the LabApi contract.'),
    rule('renderer-imports-shared-only', '^electron(?:/|$)', 'The renderer is sandboxed: reach the main process through the LabApi contract.'),
    rule('renderer-imports-shared-only', ourLayers('core', 'main', 'cli', 'preload', 'report', 'workers'), 'The renderer imports only src/shared; the core\'s types come through src/shared/core-types.ts.'),
  ),
  layer(['src/preload/**/*.ts'],
    ioOnlyInMainAndCli,
    rule('preload-imports-shared-only', '^(?:vue|pinia|naive-ui)(?:/|$)', 'The preload only bridges the src/shared contract.'),
    rule('preload-imports-shared-only', ourLayers('core', 'main', 'cli', 'renderer', 'report', 'workers'), 'The preload only bridges the src/shared contract.'),
  ),
  layer(['workers/**/*.ts'],
    ioOnlyInMainAndCli,
    rule('workers-import-core-and-shared', appLibraries, 'Workers run in plain Node threads without Electron.'),
    rule('workers-import-core-and-shared', ourLayers('main', 'cli', 'renderer', 'preload', 'report'), 'A worker is a thin entry over src/core and src/shared; main sends it the data.'),
  ),
  layer(['src/cli/**/*.ts'],
    rule('cli-runs-without-electron', appLibraries, 'The CLI runs in plain Node without Electron.'),
    rule('cli-runs-without-electron', ourLayers('renderer', 'preload'), 'The CLI runs in plain Node without the app\'s UI.'),
  ),
  layer(['src/main/**/*.ts'],
    rule('main-serves-through-contract', '^(?:vue|pinia|naive-ui)(?:/|$)', 'Main serves the renderer through the contract; it does not import UI code.'),
    rule('main-serves-through-contract', ourLayers('renderer', 'preload', 'cli'), 'Main serves the renderer through the contract; it does not import UI or CLI code.'),
    rule('main-starts-workers-by-path', ourLayers('workers'), 'Main starts workers/ by file path on a Piscina pool; it does not import them.'),
  ),
);
