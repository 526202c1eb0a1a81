import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_TEMPLATES_DIR, WEB_ASSETS } from '../render/template-files.js';

const requireFromHere = createRequire(import.meta.url);

/**
 * The stylesheet, script and icon of `templates/web/` (a newsletter's templatesDir
 * overrides them), the search index's options (always paperboy's: the index
 * is built with them, search-index.ts), MiniSearch's browser build (its UMD
 * build, the same release the build indexes with, with its source map and
 * licence), and KaTeX's CSS and fonts: site path → source file.
 *
 * Every script is a classic script, not an ES module: browsers refuse
 * module scripts from `file://`, and the archive's search must work from a
 * folder opened on disk.
 */
export function assetSources(templatesDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of WEB_ASSETS) {
    const own = join(templatesDir, 'web', name);
    files.set(`assets/${name}`, existsSync(own) ? own : join(BUILTIN_TEMPLATES_DIR, 'web', name));
  }
  files.set('assets/search-options.js', join(BUILTIN_TEMPLATES_DIR, 'web', 'search-options.cjs'));
  const katexDist = dirname(requireFromHere.resolve('katex/dist/katex.min.css'));
  files.set('assets/katex/katex.min.css', join(katexDist, 'katex.min.css'));
  for (const font of readdirSync(join(katexDist, 'fonts')).sort()) files.set(`assets/katex/fonts/${font}`, join(katexDist, 'fonts', font));
  // MiniSearch's UMD build (sets `MiniSearch`), beside the ES module the build runs (dist/es/index.js): one source, one release.
  const minisearchDist = join(dirname(fileURLToPath(import.meta.resolve('minisearch'))), '..');
  files.set('assets/minisearch/index.js', join(minisearchDist, 'umd', 'index.js'));
  files.set('assets/minisearch/index.js.map', join(minisearchDist, 'umd', 'index.js.map'));
  files.set('assets/minisearch/LICENSE.txt', join(minisearchDist, '..', 'LICENSE.txt'));
  return files;
}
