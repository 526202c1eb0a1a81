/**
 * The import direction of STYLE.md, checked in CI:
 * cli → features (lint, render, preview, archive, mail, send, subscribers, server) → issue → config →
 * diagnostics (positions, YAML locations, did-you-mean) → errors.
 */
const features = '^src/(lint|render|preview|archive|mail|send|subscribers|server)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-cli',
      comment: 'cli/ is the thin shell; nothing depends on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'model-below-features',
      comment: 'issue/ and config/ are the base every feature reads; they import no feature.',
      severity: 'error',
      from: { path: '^src/(issue|config)/' },
      to: { path: features },
    },
    {
      name: 'store-below-features',
      comment: 'store/ (the SQLite file and its migrations) is shared by send/ and subscribers/; it imports neither.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: features },
    },
    {
      name: 'config-below-issue',
      comment: 'The issue model reads the config; the config never reads the model (no cycle of folders).',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/issue/' },
    },
    {
      name: 'diagnostics-at-the-base',
      comment: 'diagnostics/ (positions, YAML locations, did-you-mean) serves issue/, config/ and lint/; it imports none of them.',
      severity: 'error',
      from: { path: '^src/diagnostics/' },
      to: { path: '^src/', pathNot: '^src/(diagnostics/|errors\\.ts$)' },
    },
    {
      name: 'archive-and-send-apart',
      comment: 'Publishing the archive and sending mail are separate stages; neither imports the other.',
      severity: 'error',
      from: { path: '^src/(archive|send)/' },
      to: { path: '^src/(archive|send)/', pathNot: '^src/$1/' },
    },
    {
      name: 'render-does-not-lint',
      comment: 'The linter renders (email-size); the renderer never lints, the CLI passes lint results in.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^src/lint/' },
    },
    {
      name: 'errors-at-the-bottom',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/' , pathNot: '^src/errors\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
