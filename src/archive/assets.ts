import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUILTIN_TEMPLATES_DIR } from '../render/template-files.js';

const requireFromHere = createRequire(import.meta.url);

/** The stylesheet and script of `templates/web/` (a newsletter's templatesDir overrides them), and KaTeX's CSS and fonts: site path → source file. */
export function assetSources(templatesDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of ['archive.css', 'papers.js']) {
    const own = join(templatesDir, 'web', name);
    files.set(`assets/${name}`, existsSync(own) ? own : join(BUILTIN_TEMPLATES_DIR, 'web', name));
  }
  const katexDist = dirname(requireFromHere.resolve('katex/dist/katex.min.css'));
  files.set('assets/katex/katex.min.css', join(katexDist, 'katex.min.css'));
  for (const font of readdirSync(join(katexDist, 'fonts')).sort()) files.set(`assets/katex/fonts/${font}`, join(katexDist, 'fonts', font));
  return files;
}
