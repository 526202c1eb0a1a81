#!/usr/bin/env node
// The CLI runs the compiled JavaScript in lib/ (built by `npm ci` through the
// `prepare` script): compiling on every start would cost the 150 ms budget.
import { main } from '../lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
