// @ts-check
/**
 * ESLint: typescript-eslint's type-checked rules plus the architecture's boundaries.
 *
 * Rule set: `strictTypeChecked` (which includes `recommendedTypeChecked`) with the few rules below turned off or
 * loosened where they fight a deliberate style of this code base; each exception says why. Prettier owns layout,
 * so no stylistic rules here. `npm run lint` runs this (cached in node_modules/.cache) and `prettier --check`.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages the pure engine must never import (MODEL.md: no DOM, no React, no store). */
const ENGINE_BANNED_PACKAGES = ['react', 'react-dom', 'zustand', 'd3', 'd3-selection', 'd3-zoom', 'jsdom'];

/**
 * The IOMMU back-ends: each folder under src/engine/ knows only itself and the shared engine modules (the seam's
 * types live in src/engine/iommu/). The allowlist of cross-vendor imports this rule started with is empty now.
 */
const VENDORS = ['vtd', 'smmu', 'amd'];

/**
 * The engine's public surface for the rest of src/ (app, store, layout, cli, scenarios, tours):
 * - `engine/index.ts`: commands, state, model types, the scenario runner;
 * - the read-side modules that turn a state into something to show: `inspect/`, `explain/`, `report/`,
 *   `debugfs/` (export/import), and `scenario/` (parse, run, exact JSON) for the command-line runner;
 * - `workload.ts` alone, for the comparison Web Worker (it must not pull the zod schema through the index).
 * Everything else (vendor folders, ops/, the memory model, drafts, caches) is internal: tests may reach it.
 */
const ENGINE_PUBLIC = /(^|\/)engine\/(?!index\.ts$|inspect\/|explain\/|report\/|debugfs\/|scenario\/|workload\.ts$)/;

/**
 * No hidden state in the engine: a command's result depends on its state and arguments only, so nothing at module
 * level may change between commands. Module-level `let`/`var` are banned, and so is a module-level `new` object,
 * except: `ReadonlySet`/`ReadonlyMap` lookup tables (declared with that type), `WeakMap` memo caches keyed by an
 * immutable state (they can neither be enumerated nor change an answer), `RegExp`s, and read-only zero frames named
 * `ZERO…`/`EMPTY…`. Literal tables (`const X = [...]`) are constants by convention and stay allowed.
 */
const MODULE_LEVEL = ':matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration';
const ENGINE_NO_MODULE_STATE = [
  {
    selector: `${MODULE_LEVEL}[kind!='const']`,
    message: 'src/engine keeps no module-level state: no module-level let/var (pass scratch in, or allocate per call).',
  },
  {
    selector:
      `${MODULE_LEVEL} > VariableDeclarator:not([id.name=/^(ZERO|EMPTY)(_|$)/])` +
      ':not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Set|Map)$/]) > NewExpression.init:not([callee.name=/^(WeakMap|RegExp)$/])',
    message:
      'src/engine keeps no module-level state: a module-level object made with `new` is shared by every command. Allocate it per call, or declare a lookup table as ReadonlySet/ReadonlyMap.',
  },
];

/** `no-restricted-imports` options: banned packages plus path groups given as regexes. */
function restricted(packages, groups) {
  return [
    'error',
    {
      paths: packages.map((name) => ({ name, message: 'src/engine is pure: no React, DOM, store or d3 behaviour.' })),
      patterns: [
        ...packages.map((name) => ({ group: [`${name}/*`], message: 'src/engine is pure (see MODEL.md).' })),
        ...groups,
      ],
    },
  ];
}

const engineGroups = [
  {
    regex: '^(\\.\\./)+(store|app|layout|views|scenarios|tours|glossary|cli)(/|$)',
    message: 'src/engine imports nothing from the store, the app, layout or other outer modules.',
  },
];

function vendorGroups(self) {
  return VENDORS.filter((v) => v !== self).map((other) => ({
    regex: `(^|/)${other}/`,
    message: `src/engine/${self}/ must not import from src/engine/${other}/: shared things belong in src/engine/iommu/.`,
  }));
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'test/fixtures/**', 'public/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // STYLE.md
      // `x != null` (null or undefined) is the one loose comparison the code uses, and it says exactly that.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],

      // With `noUncheckedIndexedAccess` every table read is `T | undefined`; the code writes `!` where an index is
      // known valid by construction (a loop bound, a regex group that matched, a key just set). Banning `!` would
      // turn those into dead branches or casts, which say less.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Messages and hex dumps interpolate numbers and bigints on purpose; objects, `unknown` and nullish values
      // in a template are still errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `onClick={() => set(x)}` and `(e) => void fn(e)` shorthands are idiomatic React; a void *statement* inside a
      // block is still checked.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // Many conditions it calls unnecessary are not: DOM feature checks the types claim always exist but jsdom and
      // older browsers lack (`setPointerCapture?.`, `matchMedia?.`), flags changed inside closures (debugfs/import.ts),
      // and a test's `harness?.close()` after a failed setup. It found nothing real in this code base (2026-12).
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Progress and step callbacks are typed `(…) => boolean | void`: return `false` to stop, or nothing at all, so a
      // plain `() => {}` fits; `boolean | undefined` would reject it.
      '@typescript-eslint/no-invalid-void-type': 'off',
      // debugfs/import.ts throws a plain value per refused line on purpose (a stack trace per bad line made 100,000
      // bad lines take seconds) and catches it where the line is read.
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'file', name: 'LineError', path: 'src/engine/debugfs/import.ts' }] },
      ],
    },
  },
  {
    // Tests and benchmarks read JSON.parse output and vitest's asymmetric matchers (`expect.any(…)`), both typed
    // `any` by their libraries; the checks on what is done with an `any` add nothing there.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Unit and component tests share one module graph per worker (vitest.config.ts: `isolate: false`), so a module
    // mocked in one test file would stay mocked for the files after it: mocks live in test/setup-dom.ts, for all.
    files: ['test/**/*.{ts,tsx}'],
    ignores: ['test/setup-dom.ts', 'test/browser/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|unmock|doUnmock)$/]",
          message:
            'Test files share one module graph (vitest.config.ts: isolate: false), so a module mock would leak into later files: pass a fake instead, or mock for every test in test/setup-dom.ts.',
        },
      ],
    },
  },
  {
    // Outside the engine, the engine is reached only through its public surface (see ENGINE_PUBLIC).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**'],
    rules: {
      'no-restricted-imports': restricted(
        [],
        [
          {
            regex: ENGINE_PUBLIC.source,
            message:
              'Import the engine through engine/index.ts or its read-side modules (inspect/, explain/, report/, debugfs/, scenario/, workload.ts).',
          },
        ],
      ),
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted(ENGINE_BANNED_PACKAGES, engineGroups),
      'no-restricted-syntax': ['error', ...ENGINE_NO_MODULE_STATE],
    },
  },
  ...VENDORS.map((v) => ({
    files: [`src/engine/${v}/**/*.ts`],
    rules: { 'no-restricted-imports': restricted(ENGINE_BANNED_PACKAGES, [...engineGroups, ...vendorGroups(v)]) },
  })),
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
