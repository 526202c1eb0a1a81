#!/usr/bin/env node
// Builds what bin/paperboy.js runs (`npm ci` runs it as `prepare`; `npm test`
// and `npm run bench` run it first):
//
// 1. tsc compiles src/ to lib/ (the types are checked by `npm run typecheck`);
// 2. esbuild bundles the CLI and the two child processes it starts (the
//    lint and render workers, process-pool.ts) with their dependencies
//    into lib/bundle/: main.js, worker.js, render-worker.js and the chunks
//    they share. Code loaded lazily stays lazy: a dynamic import is a chunk.
//
// Why a bundle: Node 20 loads ES modules file by file (resolve, read,
// compile each), and the Markdown stack alone is some 300 small modules.
// Measured here, `paperboy render 3` took 1.42-1.58 s from lib/ and
// 0.88-1.06 s bundled, `paperboy lint` of one issue 0.60-0.64 s and
// 0.36-0.49 s. Bundling only paperboy's own modules gained nothing.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// tsc emits even with type errors; a build that does not type-check still stops here.
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

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
