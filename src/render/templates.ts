import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { PaperboyError } from '../errors.js';
import { registerHelpers } from './helpers.js';

/**
 * The package's own templates: `templates/` at the package root, two levels
 * up from this module both in `src/render/` (tsx) and in `lib/render/`.
 */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const PARTIALS = 'partials';
const EXTENSION = '.hbs';

/** A loaded set of templates: the built-in ones, each overridable by a file of the same name. */
export interface TemplateSet {
  /** Renders `email.html`, `email.txt`, or any other top-level template by name. */
  render(name: string, view: object): string;
  /** Where each template and partial was read from, by name. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Loads every template and partial, the files of `overrideDir` (a newsletter's
 * `templatesDir`) taking precedence over the built-in ones with the same
 * relative path. Templates named `*.txt` are plaintext: nothing is
 * HTML-escaped in them. Syntax errors are reported now, with file and line.
 */
export function loadTemplates(overrideDir?: string): TemplateSet {
  const sources = new Map<string, string>();
  for (const dir of [BUILTIN_TEMPLATES_DIR, overrideDir]) {
    if (dir === undefined || !existsSync(dir)) continue;
    for (const file of templateFiles(dir)) sources.set(templateName(relative(dir, file)), file);
  }
  const env = Handlebars.create();
  registerHelpers(env);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, file] of sources) {
    const compiled = compileFile(env, name, file);
    if (name.startsWith(`${PARTIALS}/`)) env.registerPartial(name.slice(PARTIALS.length + 1), compiled);
    else templates.set(name, compiled);
  }
  return {
    files: sources,
    render(name, view) {
      const template = templates.get(name);
      if (!template) {
        throw new PaperboyError('TEMPLATE_MISSING', `Missing template \`${name}${EXTENSION}\``, {
          hint: `The built-in templates are in ${BUILTIN_TEMPLATES_DIR}; a newsletter may override them in its templatesDir.`,
        });
      }
      return template(view);
    },
  };
}

/**
 * A hash of every template that applies to a newsletter (built-in and
 * overrides, names and contents): what a cache of rendered results keys on.
 */
export function templatesFingerprint(overrideDir?: string): string {
  const hash = createHash('sha256');
  for (const dir of [BUILTIN_TEMPLATES_DIR, overrideDir]) {
    if (dir === undefined || !existsSync(dir)) continue;
    for (const file of templateFiles(dir)) hash.update(`${relative(dir, file)}\0${readFileSync(file, 'utf8')}\0`);
  }
  return hash.digest('hex');
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(EXTENSION))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** `partials/paper.html.hbs` → `partials/paper.html`, with `/` on every platform. */
function templateName(relativePath: string): string {
  return relativePath.slice(0, -EXTENSION.length).split(sep).join('/');
}

/**
 * Compiles one file in strict mode (a misspelt field is an error, not an
 * empty string) and ties every error it raises, at load or when it runs, to
 * the file and line. An error from a partial keeps the partial's own file.
 */
function compileFile(env: typeof Handlebars, name: string, file: string): Handlebars.TemplateDelegate {
  const source = readFileSync(file, 'utf8');
  try {
    env.parse(source);
  } catch (error) {
    throw templateError(file, source, error);
  }
  const compiled = env.compile(source, { strict: true, noEscape: name.endsWith('.txt') });
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return compiled(context, options);
    } catch (error) {
      throw error instanceof PaperboyError ? error : templateError(file, source, error);
    }
  };
}

function templateError(file: string, source: string, error: unknown): PaperboyError {
  const message = error instanceof Error ? error.message : String(error);
  const line = [(error as { lineNumber?: number }).lineNumber, Number(/line (\d+)/.exec(message)?.[1]), partialCallLine(source, message)].find(Number.isFinite);
  const where = line === undefined ? file : `${file}:${line}`;
  // A parse error draws the source and ends with what was expected; other
  // errors end their first line with " - line:column".
  const lines = message.split('\n');
  const reason = message.startsWith('Parse error')
    ? lines.at(-1)!
    : lines[0]!.replace(/ - \d+:\d+$/, '').replace(/^"(.+)" not defined in .*$/, 'Unexpected field `$1`, expected a field of the view model');
  return new PaperboyError('TEMPLATE_ERROR', `${where}: ${reason}`, {
    cause: error,
    hint: 'Fix the template; the fields a template can use are documented in src/render/view-model.ts.',
  });
}

/** Handlebars reports a missing partial without a position: find the call in the source. */
function partialCallLine(source: string, message: string): number {
  const name = /^The partial (\S+) could not be found/.exec(message)?.[1];
  if (name === undefined) return NaN;
  const call = new RegExp(`\\{\\{~?>\\s*${name.replace(/\./g, '\\.')}(?![\\w.-])`);
  const index = source.split('\n').findIndex((text) => call.test(text));
  return index === -1 ? NaN : index + 1;
}
