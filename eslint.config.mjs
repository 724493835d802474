// Lint for the whole workspace. The module-boundaries block is the dependency
// direction of docs/architecture.md; a wrong-way import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import workspaceRules from './tools/eslint-rules/index.js';

const widgetFiles = ['packages/widgets/**/*.ts', 'apps/cms/**/*.ts'];

/** Which tagged projects a project may import (Nx semantics: any one allowed tag suffices). */
export const depConstraints = [
  // schemas is the base: it depends on no workspace project.
  { sourceTag: 'layer:base', onlyDependOnLibsWithTags: [] },
  // entitlements and policy build on schemas and never on each other.
  { sourceTag: 'layer:verify', onlyDependOnLibsWithTags: ['layer:base'] },
  { sourceTag: 'layer:rules', onlyDependOnLibsWithTags: ['layer:base'] },
  { sourceTag: 'layer:client', onlyDependOnLibsWithTags: ['layer:base'] },
  // Everything in scope:core runs in browsers as well as Node.
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'], noNodeBuiltins: true },
  // Widgets render; they use schemas, pure policy helpers and the client, never jose.
  {
    sourceTag: 'scope:widgets',
    onlyDependOnLibsWithTags: ['layer:base', 'layer:rules', 'layer:client'],
    noNodeBuiltins: true,
    bannedExternalImports: ['jose'],
    bannedReason: 'widgets render a LicenseState and never verify tokens',
  },
  // Node-only code the reference services share (storage, sessions, route tables).
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['layer:base'] },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:core', 'scope:widgets', 'scope:server'] },
  { sourceTag: 'scope:tool', onlyDependOnLibsWithTags: ['*'] },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.nx/**',
      'coverage/**',
      '**/*.d.ts',
      'storybook-static/**',
      'tools/eslint-rules/test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.{ts,js,mjs}'],
    // Build configs are tooling that reads shared setup from tools/, not part of a project's code.
    ignores: ['**/*.config.mjs'],
    plugins: { workspace: workspaceRules },
    rules: {
      'workspace/module-boundaries': [
        'error',
        {
          depConstraints,
          // Tests, stories and build scripts run in Node or a test runner, not in a user's page.
          exemptFiles: ['^test/', '\\.test\\.ts$', '\\.stories\\.ts$', '^bench/'],
        },
      ],
    },
  },
  // Lit components: template, custom-element and accessibility rules.
  { ...lit.configs['flat/recommended'], files: widgetFiles },
  { ...wc.configs['flat/recommended'], files: widgetFiles },
  { ...wc.configs['flat/best-practice'], files: widgetFiles },
  { ...litA11y.configs.recommended, files: widgetFiles },
  // Plain scripts served to browsers by the reference apps.
  { files: ['apps/*/src/**/portal/*.js'], languageOptions: { globals: globals.browser } },
  // Node scripts of the workspace.
  { files: ['tools/**/*.mjs', '**/*.config.mjs'], languageOptions: { globals: globals.node } },
);
