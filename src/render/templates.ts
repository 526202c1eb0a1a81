import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import Handlebars from 'handlebars';
import { PaperboyError } from '../errors.js';
import { registerHelpers } from './helpers.js';
import { BUILTIN_TEMPLATES_DIR, TEMPLATE_EXTENSION, templateFiles, templatesFingerprint } from './template-files.js';

const PARTIALS = 'partials';

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
  for (const { relativePath, file } of templateFiles(overrideDir)) sources.set(templateName(relativePath), file);
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
        throw new PaperboyError('TEMPLATE_MISSING', `Missing template \`${name}${TEMPLATE_EXTENSION}\``, {
          hint: `The built-in templates are in ${BUILTIN_TEMPLATES_DIR}; a newsletter may override them in its templatesDir.`,
        });
      }
      return template(view);
    },
  };
}

/** The set `currentTemplates` compiled last, and what it was compiled from. */
let latest: { overrideDir: string | undefined; fingerprint: string; templates: TemplateSet } | undefined;

/**
 * The templates as they are on disk now, for a long-running process
 * (`preview --watch`, `serve --dev`) and a lint rule that renders: compiled
 * again whenever a file changed (by the templates' fingerprint), so no edit
 * is ever rendered with the templates read before it.
 */
export function currentTemplates(overrideDir?: string): TemplateSet {
  const fingerprint = templatesFingerprint(overrideDir);
  const known = latest;
  if (known && known.overrideDir === overrideDir && known.fingerprint === fingerprint) return known.templates;
  const templates = loadTemplates(overrideDir);
  latest = { overrideDir, fingerprint, templates };
  return templates;
}

/** `partials/paper.html.hbs` → `partials/paper.html`, with `/` on every platform. */
function templateName(relativePath: string): string {
  return relativePath.slice(0, -TEMPLATE_EXTENSION.length).split(sep).join('/');
}

/**
 * Compiles one file in strict mode (a misspelt field is an error, not an
 * empty string) and ties every error it raises, at load or when it runs, to
 * the file and line. An error from a partial keeps the partial's own file.
 */
function compileFile(env: typeof Handlebars, name: string, file: string): Handlebars.TemplateDelegate {
  const source = readFileSync(file, 'utf8');
  let ast: hbs.AST.Program;
  try {
    // Parsed here to report a syntax error now, not at the first render, and compiled from that tree:
    // compiling the text parsed it a second time (Handlebars' parser is most of a template's load time).
    // Without whitespace processing, which `compile` applies to the tree once.
    ast = env.parseWithoutProcessing(source);
  } catch (error) {
    throw templateError(file, source, error);
  }
  const compiled = env.compile(ast, { strict: true, noEscape: name.endsWith('.txt') });
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
