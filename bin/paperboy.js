#!/usr/bin/env node
// The CLI runs the bundled JavaScript in lib/bundle/ (built by `npm ci`
// through the `prepare` script, scripts/build-cli.mjs): compiling on every
// start would cost the 150 ms budget, and loading lib/ module by module
// costs 0.1-0.4 s more than the bundle for a command that renders or lints.
import { main } from '../lib/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
