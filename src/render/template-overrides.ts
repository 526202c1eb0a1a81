import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { extname, join } from 'node:path';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { PaperboyError } from '../errors.js';
import { BUILTIN_TEMPLATES_DIR, TEMPLATE_EXTENSION, WEB_ASSETS } from './template-files.js';
import type { TemplateOutline } from './template-outline.js';

const PARTIALS = 'partials/';

/** A template of a newsletter's templatesDir: its name in the set (`web/issue.html`) and file. */
interface Override {
  name: string;
  file: string;
}

/**
 * Every file of a newsletter's templatesDir is used: it overrides a
 * built-in template (`builtins`, by name), is a partial a template of the
 * set includes (a new one a newsletter adds for its own templates; any
 * partial, when a template names one only as it runs), or is one of the
 * web assets. A misnamed file (`web/isue.html.hbs`, `email.htm.hbs`,
 * `partials/foter.html.hbs`) was never read and nothing said so, as a
 * misspelt config key is an error (config/load.ts): a TEMPLATE_ERROR
 * naming the file and the name it likely meant. Files whose name starts
 * with `.` (an editor's, a system's) are not the newsletter's templates,
 * nor, under `web/`, files of a kind no asset is (`logo.png`, `notes.txt`,
 * an editor's `issue.html.hbs~`): a stray file must not stop a `send`
 * that reads no web template. A misnamed asset is a `.css`, `.js` or
 * `.svg` file, or an asset's name cut short (`archive.cs`).
 */
export function checkOverrides(overrides: readonly Override[], builtins: ReadonlySet<string>, outlines: Iterable<TemplateOutline>, overrideDir: string | undefined): void {
  const calls = [...outlines].flatMap((outline) => outline.partialCalls);
  const anyPartial = calls.some((call) => call.name === undefined);
  const included = new Set(calls.map((call) => `${PARTIALS}${call.name}`));
  const known = [...[...builtins].map((name) => `${name}${TEMPLATE_EXTENSION}`), ...WEB_ASSETS.map((name) => `web/${name}`)];
  for (const { name, file } of overrides) {
    if (builtins.has(name) || (name.startsWith(PARTIALS) && (anyPartial || included.has(name)))) continue;
    throw unusedFile(file, `${name}${TEMPLATE_EXTENSION}`, known, name.startsWith(PARTIALS));
  }
  // The built-in folder named as a newsletter's (the sample newsletter's `templatesDir: templates`) holds the search options and their types too.
  const web = overrideDir === undefined || isBuiltinFolder(overrideDir) ? undefined : join(overrideDir, 'web');
  if (web === undefined || !existsSync(web)) return;
  for (const entry of readdirSync(web, { withFileTypes: true })) {
    const asset = entry.name;
    if (asset.startsWith('.') || asset.endsWith(TEMPLATE_EXTENSION) || entry.isDirectory() || (WEB_ASSETS as readonly string[]).includes(asset)) continue;
    if (!ASSET_KINDS.has(extname(asset)) && !nearAnAsset(asset)) continue;
    throw unusedFile(join(web, asset), `web/${asset}`, known, false);
  }
}

/** The extensions of the web assets (`.css`, `.js`, `.svg`). */
const ASSET_KINDS = new Set(WEB_ASSETS.map((asset) => extname(asset)));

/** Whether `name` is an asset's name with its extension cut short (`archive.cs`, `icon.sv`). */
function nearAnAsset(name: string): boolean {
  return name.includes('.') && WEB_ASSETS.some((asset) => asset.startsWith(name));
}

function isBuiltinFolder(folder: string): boolean {
  return existsSync(folder) && realpathSync(folder) === realpathSync(BUILTIN_TEMPLATES_DIR);
}

function unusedFile(file: string, path: string, known: readonly string[], partial: boolean): PaperboyError {
  const what = partial ? 'a partial no template includes' : 'a file that overrides no built-in template or asset';
  return new PaperboyError('TEMPLATE_ERROR', `${file}: Unexpected \`${path}\` in the templates folder, ${what}, ${didYouMean(path, known)}`, {
    hint: `Name it as the built-in file it replaces (they are in ${BUILTIN_TEMPLATES_DIR}), include a partial of your own from a template (\`{{> name.html}}\`), or remove it.`,
  });
}
