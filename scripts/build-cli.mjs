#!/usr/bin/env node
// Builds what bin/paperboy.js runs (`npm ci` runs it as `prepare`; `npm test`
// and `npm run bench` run it first):
//
// 1. tsc compiles src/ to lib/, and stops the build on a type error;
// 2. esbuild bundles the CLI and the two child processes it starts (the
//    lint and render workers, process-pool.ts) with their dependencies
//    into lib/bundle/: main.js, worker.js, render-worker.js and the chunks
//    they share. Code loaded lazily stays lazy: a dynamic import is a chunk;
// 3. the built-in templates are compiled to lib/templates-precompiled.json,
//    so no command parses them (src/render/precompiled-templates.ts).
//
// Why a bundle: Node 20 loads ES modules file by file (resolve, read,
// compile each), and the Markdown stack alone is some 300 small modules.
// Measured here, five runs of each alternating with the same code run from
// lib/: `paperboy render 3` 1.24-1.49 s from lib/, 0.85-1.05 s bundled;
// `paperboy lint` of the sample issues (cache warm) 0.46-0.62 s and
// 0.35-0.37 s; `paperboy papers search reward` 0.96-1.38 s and 0.65-0.88 s;
// `--help` alike (0.17-0.22 s). Bundling only paperboy's own modules gained
// nothing: the packages' modules are the cost.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// tsc emits even with type errors: stop here rather than bundle them.
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const { writePrecompiledTemplates } = await import('../lib/render/precompiled-templates.js');
writePrecompiledTemplates();

// Chunks are named by their content: those of an older build would pile up.
rmSync('lib/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['lib/cli/main.js', 'lib/lint/worker.js', 'lib/archive/render-worker.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'lib/bundle',
  // Flat, so a worker is found beside the code that starts it (childModule in process-pool.ts).
  entryNames: '[name]',
  // A native addon, and chokidar's optional macOS-only dependency: required from node_modules at run time.
  external: ['better-sqlite3', 'fsevents'],
  // CommonJS packages bundled into ES modules still call `require` (Node's own modules): give them one.
  banner: { js: "import { createRequire as __paperboyCreateRequire } from 'node:module'; const require = __paperboyCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
