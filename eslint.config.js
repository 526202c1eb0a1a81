import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'lib/', 'dist/', 'tmp/', '.paperboy/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // The archive's own scripts run in the browser, as classic scripts (they load from file:// too).
    files: ['templates/**/*.js', 'templates/**/*.cjs'],
    languageOptions: {
      sourceType: 'script',
      globals: { self: 'readonly', document: 'readonly', location: 'readonly', history: 'readonly', window: 'readonly', URLSearchParams: 'readonly', FormData: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', navigator: 'readonly', getSelection: 'readonly', module: 'writable' },
    },
  },
  {
    // Scripts and tests print their reports.
    files: ['scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
);
