import { format } from 'node:util';
import { sep } from 'node:path';
import Handlebars from 'handlebars';
import { PaperboyError } from '../errors.js';
import { registerHelpers } from './helpers.js';
import { noteLookupScopes } from './lookup-scopes.js';
import { endlessPartialLoop, missingPartial, partialLoop, runError, syntaxError, templateProblemOf, type TemplateProblem } from './template-errors.js';
import { findPartialLoop, isStackOverflow, noteRecursion, recursionOf } from './partial-loops.js';
import { compileOptions, precompiledTemplate, setUpCompilers, templateFromSpec, type CompileOptions } from './precompiled-templates.js';
import { outlineTemplate, type PartialCall, type TemplateOutline } from './template-outline.js';
import { templatesRead } from './template-reads.js';
import type { NewsletterView } from './view-model.js';
import { readTemplateSource } from './template-source.js';
import { checkHtmlInTags, checkUnescapedText } from './unescaped-text.js';
import { checkOverrides } from './template-overrides.js';
import { BUILTIN_TEMPLATES_DIR, PARTIALS, TEMPLATE_EXTENSION, templateFiles, templatesFingerprint } from './template-files.js';

/** A loaded set of templates: the built-in ones, each overridable by a file of the same name. */
export interface TemplateSet {
  /** Renders `email.html`, `email.txt`, or any other top-level template by name. */
  render(name: string, view: object): string;
  /** Where each template and partial was read from, by name. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * The text each template and partial that loaded was compiled from, by
   * name, as read once when the set loaded (template-source.ts: no BOM, LF
   * line ends): what places a mistake found in its output, and what keys
   * the pages it renders. Read again, a file edited since (during a build,
   * under `serve --dev`) would place a warning by text the pages were not
   * rendered with, and key pages rendered by the old text with the new.
   */
  readonly texts: ReadonlyMap<string, string>;
  /** The names of the templates rendering `roots` can read: them and the partials they can include (template-reads.ts). */
  reads(roots: readonly string[]): Set<string>;
  /** The mistakes of files no template reads (a partial none includes, with a syntax error): for a command to say as warnings. */
  readonly unread: readonly TemplateProblem[];
}

/**
 * Loads every template and partial, the files of `overrideDir` (a newsletter's
 * `templatesDir`) taking precedence over the built-in ones with the same
 * relative path. Templates named `*.txt` are plaintext: nothing is
 * HTML-escaped in them. A syntax error, and a partial included by a name
 * no file provides, is a TEMPLATE_ERROR now, at its file, line and column,
 * in a file a command can render: a built-in template's name (overridden
 * or not) or a partial one of them can include. In any other file (a
 * partial no template includes yet) it is one of the set's `unread`.
 */
export function loadTemplates(overrideDir?: string): TemplateSet {
  const sources = new Map<string, string>();
  const files = templateFiles(overrideDir).map(({ relativePath, file }) => ({ name: templateName(relativePath), file }));
  for (const { name, file } of files) sources.set(name, file);
  const env = Handlebars.create();
  noteLookupScopes(env);
  setUpCompilers(env);
  registerHelpers(env);
  logToStandardError(env);
  const helpers = Object.keys(env.helpers).filter((name) => !name.endsWith('Missing'));
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  // The templates rendering now, outermost first: a stack overflow is told by the loop at its top.
  const running: string[] = [];
  const loaded: Loaded[] = [];
  const broken: { name: string; error: PaperboyError }[] = [];
  for (const [name, file] of sources) {
    try {
      loaded.push({ name, file, ...compileFile(env, name, file, helpers, running) });
    } catch (error) {
      if (!(error instanceof PaperboyError)) throw error;
      broken.push({ name, error });
    }
  }
  const builtin = (file: string) => file.startsWith(BUILTIN_TEMPLATES_DIR);
  const builtins = new Set(files.filter(({ file }) => builtin(file)).map(({ name }) => name));
  // A file that does not load includes nothing anyone knows of: it is read when a template read includes it.
  const read = templatesRead(
    [...builtins].filter((name) => !name.startsWith(PARTIALS)),
    new Map([...loaded.map(({ name, outline }): [string, TemplateOutline] => [name, outline]), ...broken.map(({ name }): [string, TemplateOutline] => [name, NO_CALLS])]),
  );
  const readBroken = broken.find(({ name }) => read.has(name));
  if (readBroken) throw readBroken.error;
  for (const { name, compiled } of loaded) {
    if (name.startsWith(PARTIALS)) env.registerPartial(name.slice(PARTIALS.length), compiled);
    else templates.set(name, compiled);
  }
  const unread: PaperboyError[] = broken.map(({ error }) => error);
  const sayUnlessRead = (name: string, error: PaperboyError) => {
    if (read.has(name)) throw error;
    unread.push(error);
  };
  const partials = [...Object.keys(env.partials), ...broken.filter(({ name }) => name.startsWith(PARTIALS)).map(({ name }) => name.slice(PARTIALS.length))];
  checkPartialCalls(loaded, partials, sayUnlessRead);
  checkUnescapedText(loaded, sayUnlessRead);
  checkHtmlInTags(loaded, sayUnlessRead);
  checkPartialLoops(loaded, read, sayUnlessRead);
  checkOverrides(
    files.filter(({ file }) => !builtin(file)),
    builtins,
    loaded.map(({ outline }) => outline),
    overrideDir,
  );
  const outlines = new Map(loaded.map(({ name, outline }) => [name, outline]));
  return {
    files: sources,
    texts: new Map(loaded.map(({ name, source }) => [name, source])),
    unread: unread.map(unreadProblem),
    reads: (roots) => templatesRead(roots, outlines),
    render(name, view) {
      const template = templates.get(name);
      if (!template) {
        throw new PaperboyError('TEMPLATE_MISSING', `Missing template \`${name}${TEMPLATE_EXTENSION}\``, {
          hint: `The built-in templates are in ${BUILTIN_TEMPLATES_DIR}; a newsletter may override them in its templatesDir.`,
        });
      }
      try {
        // `@plaintext` tells a helper what it writes into (`isolate`: `<bdi>` or Unicode isolates), `@direction` which way its lines run
        // (the view's `newsletter.direction`: `isolate` isolates the values of the other direction); partials inherit both.
        // `@words` what `word` says (the view's `newsletter.words`, translated by the config), `@wordsApart` which of them to mark as English.
        const newsletter = (view as { newsletter?: Partial<NewsletterView> }).newsletter;
        const data = { plaintext: name.endsWith('.txt'), direction: newsletter?.direction === 'rtl' ? 'rtl' : 'ltr', language: newsletter?.language, words: newsletter?.words, wordsApart: newsletter?.wordsApart };
        return template(view, { data });
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        // Partials in a loop whose blocks did not end it, said once the stack has unwound.
        throw endlessPartialLoop(recursionOf(error as object, loaded), error);
      }
    },
  };
}

/** A template loaded: its name in the set, its file, and its compiled form and outline. */
interface Loaded extends CompiledTemplate {
  name: string;
  file: string;
}

/** The outline of a file that did not load: no call known. */
const NO_CALLS: TemplateOutline = { partialCalls: [], inlinePartials: [], helperNames: new Set(), paths: [], unescaped: [], htmlInTags: [] };

/**
 * A mistake in a file no command renders: neither a built-in template's
 * name nor a partial one of them can include (a partial kept for later,
 * a draft, a copy). Said, never stopping a command: an editor's `send`
 * does not wait on a file it does not read.
 */
function unreadProblem(error: PaperboyError): TemplateProblem {
  const problem = templateProblemOf(error) ?? { file: '', line: 1, column: 1, reason: error.message };
  return { ...problem, reason: `${problem.reason} (no template includes this file, so nothing renders it: an error once one does)` };
}

/**
 * No partial includes itself, directly or through others, outside a block:
 * such a loop has no end, and would only run out of stack at its first
 * render (with no place to show). A loop through a block (`{{#each}}`,
 * `{{#if}}`) is allowed: templates/partials/section.html.hbs includes
 * itself for each of a section's `subsections`, and the view model's
 * sections nest (view-model.ts SectionView), so paperboy's own templates
 * need a recursion with an end. Whether a block ends one depends on the
 * data; one that does not is said when the stack runs out (`render`,
 * from the templates running then: `noteRecursion`). A loop among
 * templates none of `read` is `say`'s to tell.
 */
function checkPartialLoops(loaded: readonly Loaded[], read: ReadonlySet<string>, say: (name: string, error: PaperboyError) => void): void {
  const unguarded = (call: PartialCall) => !call.guarded;
  // The templates read include every partial they call: a loop among them is found among them alone.
  const loop = findPartialLoop(loaded.filter(({ name }) => read.has(name)), unguarded) ?? findPartialLoop(loaded, unguarded);
  if (loop) say(loaded.find(({ file }) => file === loop.file)!.name, partialLoop(loop));
}

/**
 * Every partial a template includes by name is one of the set's (or an
 * inline partial a template defines): a misspelt name is an error when the
 * templates load, at the call, even in a branch no issue takes; `say`s to
 * tell in a template no command reads.
 */
function checkPartialCalls(loaded: readonly Loaded[], partials: readonly string[], say: (name: string, error: PaperboyError) => void): void {
  const known = new Set([...partials, ...loaded.flatMap(({ outline }) => outline.inlinePartials)]);
  for (const { name, file, outline } of loaded) {
    for (const call of outline.partialCalls) {
      // A partial block by another name renders its own content instead: a fallback, not a misspelling.
      if (call.name !== undefined && !call.fallback && !known.has(call.name)) say(name, missingPartial(file, { name: call.name, loc: call.loc }, partials));
    }
  }
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

/**
 * Sends a template's `{{log …}}` to standard error. Handlebars writes it
 * with `console.log` at its default level (`info`), on standard output,
 * where `render` prints the email: `paperboy render 2 > email.html` kept
 * the logged words inside the email. Handlebars' own filter is kept: a
 * `level="debug"` call says nothing, as its logger's level is `info`.
 */
function logToStandardError(env: typeof Handlebars): void {
  env.log = (level: unknown, ...message: unknown[]) => {
    if (level !== 'debug' && level !== 0) process.stderr.write(`${format(...message)}\n`);
  };
}

/** `partials/paper.html.hbs` → `partials/paper.html`, with `/` on every platform. */
function templateName(relativePath: string): string {
  return relativePath.slice(0, -TEMPLATE_EXTENSION.length).split(sep).join('/');
}

interface CompiledTemplate {
  compiled: Handlebars.TemplateDelegate;
  outline: TemplateOutline;
  /** The text compiled (`readTemplateSource`). */
  source: string;
}

/**
 * Compiles one file with every path strict (a misspelt field is an error,
 * not an empty string: see `outlineTemplate`) and ties every error it
 * raises, at load or when it runs, to the file, line and column. An error
 * from a partial keeps the partial's own file. A built-in template the
 * build compiled is not parsed again (precompiled-templates.ts).
 */
function compileFile(env: typeof Handlebars, name: string, file: string, helpers: readonly string[], running: string[]): CompiledTemplate {
  const source = readTemplateSource(file);
  const options = compileOptions(name);
  const { outline, compiled } = fromBuild(env, source, options) ?? fromSource(env, file, source, options);
  return {
    outline,
    source,
    compiled: (context: unknown, runOptions?: Handlebars.RuntimeOptions) => {
      running.push(name);
      try {
        return compiled(context, runOptions);
      } catch (error) {
        if (!isStackOverflow(error)) throw error instanceof PaperboyError ? error : runError(file, source, outline, helpers, error);
        // The set's mistake (partials in a loop), noted here where the loop is on `running`, said by `render`.
        noteRecursion(error as object, running);
        throw error;
      } finally {
        running.pop();
      }
    },
  };
}

function fromBuild(env: typeof Handlebars, source: string, options: CompileOptions): Omit<CompiledTemplate, 'source'> | undefined {
  const precompiled = precompiledTemplate(source, options);
  return precompiled && { outline: precompiled.outline, compiled: templateFromSpec(env, precompiled.spec) };
}

function fromSource(env: typeof Handlebars, file: string, source: string, options: CompileOptions): Omit<CompiledTemplate, 'source'> {
  let ast: hbs.AST.Program;
  try {
    // Parsed here to report a syntax error now, not at the first render, and compiled from that tree:
    // compiling the text parsed it a second time (Handlebars' parser is most of a template's load time).
    // Without whitespace processing, which `compile` applies to the tree once.
    ast = env.parseWithoutProcessing(source);
  } catch (error) {
    throw syntaxError(file, source, error);
  }
  const outline = outlineTemplate(ast);
  return { outline, compiled: env.compile(ast, options) };
}
