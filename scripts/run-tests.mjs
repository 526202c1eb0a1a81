#!/usr/bin/env node
// `npm test`: builds the CLI (some tests spawn bin/paperboy.js), then runs
// every tests/**/*.test.ts through tsx with Node's own test runner, so its
// summary line is printed. Arguments narrow the run to matching files;
// SKIP_BUILD=1 skips the build when no test spawns the CLI.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

if (!process.env.SKIP_BUILD) {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const filters = process.argv.slice(2);
const files = readdirSync('tests', { recursive: true })
  .map((name) => join('tests', String(name)))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_NO_WARNINGS: '1' },
});
process.exit(result.status ?? 1);
