#!/usr/bin/env node
// The CLI runs the bundled JavaScript in lib/bundle/ (built by `npm ci`
// through the `prepare` script, scripts/build-cli.mjs): compiling on every
// start would cost the 150 ms budget, and loading lib/ module by module
// costs 0.1-0.4 s more than the bundle for a command that renders or lints.
import { fileURLToPath } from 'node:url';

const bundle = new URL('../lib/bundle/', import.meta.url);
let main;
try {
  ({ main } = await import(new URL('main.js', bundle).href));
} catch (error) {
  // A copy never built, or a lib/ from before the bundle: say what to run, not Node's stack trace.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(fileURLToPath(bundle))) throw error;
  process.stderr.write(`paperboy: ${fileURLToPath(bundle)} is missing or incomplete: this copy of paperboy was not built.\n  Run \`npm ci\` (or \`npm run build:tool\`) in ${fileURLToPath(new URL('..', import.meta.url))}\n`);
  process.exit(2);
}

process.exitCode = await main(process.argv.slice(2));
