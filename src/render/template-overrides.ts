import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { closest } from '../diagnostics/did-you-mean.js';
import { PaperboyError } from '../errors.js';
import { BUILTIN_TEMPLATES_DIR, PARTIALS, TEMPLATE_EXTENSION, WEB_ASSETS } from './template-files.js';
import type { TemplateOutline } from './template-outline.js';

/** A template of a newsletter's templatesDir: its name in the set (`web/issue.html`) and file. */
interface Override {
  name: string;
  file: string;
}

/**
 * A file of a newsletter's templatesDir named as a built-in template or
 * asset misspelt (`web/isue.html.hbs`, `email.htm.hbs`,
 * `partials/foter.html.hbs`, `web/archive.cs`) or without its `.hbs`
 * (`partials/footer.html`) was never read and nothing said so, as a
 * misspelt config key would be an error (config/load.ts): a TEMPLATE_ERROR
 * naming the file and the name it likely meant. Within two edits
 * (Levenshtein, case aside) of a built-in name is a typo; anything further
 * is a file the editor keeps there on purpose (`footer-old.html.hbs`, an
 * `old/` folder, `logo.png`, a partial of their own no template includes
 * yet) and is left alone, as are hidden files and an editor's backups
 * (`issue.html.hbs~`): a kept file must not stop every command, `send`
 * included. A file a template includes, or that overrides a built-in one,
 * is of course used.
 */
export function checkOverrides(overrides: readonly Override[], builtins: ReadonlySet<string>, outlines: Iterable<TemplateOutline>, overrideDir: string | undefined): void {
  const calls = [...outlines].flatMap((outline) => outline.partialCalls);
  const anyPartial = calls.some((call) => call.name === undefined);
  const included = new Set(calls.map((call) => `${PARTIALS}${call.name}`));
  const known = [...[...builtins].map((name) => `${name}${TEMPLATE_EXTENSION}`), ...WEB_ASSETS.map((name) => `web/${name}`)];
  for (const { name, file } of overrides) {
    if (builtins.has(name) || (name.startsWith(PARTIALS) && (anyPartial || included.has(name)))) continue;
    const path = `${name}${TEMPLATE_EXTENSION}`;
    const meant = closest(path, known, TYPO_EDITS);
    if (meant) throw misnamedFile(file, path, meant);
  }
  // The built-in folder named as a newsletter's (the sample newsletter's `templatesDir: templates`) holds the search options and their types too.
  if (overrideDir === undefined || isBuiltinFolder(overrideDir)) return;
  // Files that are no template (`.hbs`, above): a template's name without its `.hbs`, or an asset's misspelt.
  for (const folder of ['', 'partials', 'web']) {
    const dir = join(overrideDir, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const { name } = entry;
      if (name.startsWith('.') || name.endsWith('~') || name.endsWith(TEMPLATE_EXTENSION) || entry.isDirectory()) continue;
      const path = folder ? `${folder}/${name}` : name;
      if (known.includes(path)) continue;
      const meant = known.includes(`${path}${TEMPLATE_EXTENSION}`) ? `${path}${TEMPLATE_EXTENSION}` : closest(path, known, TYPO_EDITS);
      if (meant) throw misnamedFile(join(dir, name), path, meant);
    }
  }
}

/** How far (Levenshtein edits, case aside) a file's name may be from a built-in one and still be its typo. */
const TYPO_EDITS = 2;

function isBuiltinFolder(folder: string): boolean {
  return existsSync(folder) && realpathSync(folder) === realpathSync(BUILTIN_TEMPLATES_DIR);
}

function misnamedFile(file: string, path: string, meant: string): PaperboyError {
  return new PaperboyError('TEMPLATE_ERROR', `${file}: Unexpected \`${path}\` in the templates folder, a file that overrides no built-in template or asset and no template includes, expected \`${meant}\``, {
    hint: `Name it as the built-in file it replaces (they are in ${BUILTIN_TEMPLATES_DIR}), or start its name with \`.\` to keep it there unread.`,
  });
}
