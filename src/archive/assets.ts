import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_TEMPLATES_DIR } from '../render/template-files.js';

const requireFromHere = createRequire(import.meta.url);

/**
 * The stylesheet and script of `templates/web/` (a newsletter's templatesDir
 * overrides them), the search index's options (always paperboy's: the index
 * is built with them, search-index.ts), MiniSearch's browser build (the ES
 * module the build itself runs, its source map and licence), and KaTeX's CSS
 * and fonts: site path → source file.
 */
export function assetSources(templatesDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of ['archive.css', 'papers.js']) {
    const own = join(templatesDir, 'web', name);
    files.set(`assets/${name}`, existsSync(own) ? own : join(BUILTIN_TEMPLATES_DIR, 'web', name));
  }
  files.set('assets/search-options.js', join(BUILTIN_TEMPLATES_DIR, 'web', 'search-options.js'));
  const katexDist = dirname(requireFromHere.resolve('katex/dist/katex.min.css'));
  files.set('assets/katex/katex.min.css', join(katexDist, 'katex.min.css'));
  for (const font of readdirSync(join(katexDist, 'fonts')).sort()) files.set(`assets/katex/fonts/${font}`, join(katexDist, 'fonts', font));
  // The file `import 'minisearch'` gives (dist/es/index.js): the page runs what the build ran.
  const minisearchEs = fileURLToPath(import.meta.resolve('minisearch'));
  files.set('assets/minisearch/index.js', minisearchEs);
  files.set('assets/minisearch/index.js.map', `${minisearchEs}.map`);
  files.set('assets/minisearch/LICENSE.txt', join(dirname(minisearchEs), '..', '..', 'LICENSE.txt'));
  return files;
}
