import Handlebars from 'handlebars';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { PaperboyError } from '../errors.js';
import { ownFile } from '../package-root.js';
import { suggestField, type FieldSuggestion } from './field-suggestions.js';
import { lookupScopeOf } from './lookup-scopes.js';
import type { PartialLoop } from './partial-loops.js';
import type { PrintedKind } from './printed-values.js';
import { locationKey, type TemplateOutline } from './template-outline.js';

/**
 * A template's mistakes as editors read them: `file:line:column: Unexpected
 * X, expected Y`, whatever raised them (Handlebars' parser, its runtime, a
 * helper). Handlebars counts columns from 0; these messages, as every
 * other of paperboy's, from 1.
 */

// The user's pages, not the source: docs/email-templates.md lists an email's fields and every helper, docs/web-templates.md each page's fields.
const HINT = `Fix the template; an email's fields and every helper a template can call are in ${ownFile('docs/email-templates.md')}, an archive page's fields in ${ownFile('docs/web-templates.md')} (${ownFile('docs/outputs.md')}, "Templates", says how overrides work).`;

interface Place {
  line: number;
  /** From 1. */
  column: number;
}

/** A Handlebars position (`loc.start`, or an exception's `lineNumber`/`column`), column from 0. */
function place(line: number, column: number): Place {
  return { line, column: column + 1 };
}

/** A template's mistake in parts: its file, its place (1:1 for the file as a whole) and what is wrong. */
export interface TemplateProblem {
  file: string;
  line: number;
  /** From 1. */
  column: number;
  reason: string;
}

/** The parts of each error `templateError` made: a mistake in a file no template reads is said as a warning (templates.ts). */
const problems = new WeakMap<object, TemplateProblem>();

/** The file, place and reason of a template error, when `templateError` made it. */
export function templateProblemOf(error: unknown): TemplateProblem | undefined {
  return typeof error === 'object' && error !== null ? problems.get(error) : undefined;
}

export function templateError(file: string, at: Place | undefined, reason: string, cause: unknown, hint = HINT): PaperboyError {
  const where = at ? `${file}:${at.line}:${at.column}` : file;
  const error = new PaperboyError('TEMPLATE_ERROR', `${where}: ${reason}`, { cause, hint });
  problems.set(error, { file, line: at?.line ?? 1, column: at?.column ?? 1, reason });
  return error;
}

/** The state jison leaves in Handlebars' lexer after a failed parse (the place of the last token read). */
interface LexerState {
  yylloc: { first_line: number; first_column: number; last_line: number; last_column: number };
  /** The text of that token. */
  match: string;
}

/**
 * A template that does not parse. Handlebars' parser throws a bare Error
 * whose text draws the source and lists grammar tokens ("Expecting
 * 'CLOSE_RAW_BLOCK', 'CLOSE', …"); the place is read from its lexer, and
 * the expectation said in the template's own syntax.
 */
export function syntaxError(file: string, source: string, error: unknown): PaperboyError {
  const message = error instanceof Error ? error.message : String(error);
  const exception = error as { lineNumber?: unknown; column?: unknown };
  if (typeof exception.lineNumber === 'number' && typeof exception.column === 'number') {
    // A block closed by another name: Handlebars places it at the opening block's name; the message names the closing tag's place too.
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
    const at = place(exception.lineNumber, exception.column);
    const closing = mismatch && closingPlace(source, offsetOf(source, at), mismatch[2]!);
    const closedAt = closing ? ` at ${closing.line}:${closing.column}` : '';
    const reason = mismatch ? `Unexpected \`{{/${mismatch[2]}}}\`${closedAt} closing the block \`{{#${mismatch[1]}}}\` opened here, expected \`{{/${mismatch[1]}}}\`` : stripPlace(message);
    return templateError(file, at, reason, error);
  }
  const lexer = (Handlebars as unknown as { Parser: { lexer: LexerState } }).Parser.lexer;
  const { yylloc } = lexer;
  if (message.startsWith('Lexical error')) {
    // Text no token matches starts where the last token ended.
    const at = place(yylloc.last_line, yylloc.last_column);
    const rest = source.split('\n')[at.line - 1]?.slice(at.column - 1) ?? '';
    const reason = rest.startsWith('{{!--') ? 'Unexpected `{{!--` comment that is never closed, expected `--}}` after it' : `Unexpected \`${rest.slice(0, 20)}\`, expected text or a \`{{…}}\` expression`;
    return templateError(file, at, reason, error);
  }
  const parsed = /Expecting (.*), got '(\w+)'$/.exec(message);
  const expected = new Set(parsed?.[1]?.split(', ').map((token) => token.slice(1, -1)) ?? []);
  const got = parsed?.[2] ?? '';
  if (got === 'EOF' && expected.has('OPEN_ENDBLOCK')) {
    const open = unclosedBlock(source);
    if (open) return templateError(file, open.at, `Unexpected end of the template inside the block \`{{#${open.name}}}\` opened here, expected \`{{/${open.name}}}\` to close it`, error);
  }
  const at = place(yylloc.first_line, yylloc.first_column);
  const text = got === 'EOF' ? 'end of the template' : `\`${lexer.match}\``;
  return templateError(file, at, `Unexpected ${text}, ${expectation(expected, got, source.slice(offsetOf(source, at)))}`, error);
}

/** What the parser expected, in the template's syntax, most telling first. */
function expectation(expected: ReadonlySet<string>, got: string, rest: string): string {
  if (got === 'INVALID' && !rest.includes('}')) return 'expected `}}` to close the `{{` before it';
  if (got === 'OPEN_ENDBLOCK' && expected.size === 1 && expected.has('EOF')) return 'expected it only after its block was opened with `{{#…}}`';
  if (expected.has('CLOSE')) return 'expected `}}` to close the `{{` before it';
  if (expected.has('CLOSE_UNESCAPED')) return 'expected `}}}` to close the `{{{` before it';
  if (expected.has('ID')) return 'expected a field, a helper or a value ("text", a number, true, false)';
  if (expected.has('CLOSE_SEXPR')) return 'expected `)` to close the `(` before it';
  if (expected.has('OPEN_ENDBLOCK')) return 'expected text, an expression or the `{{/…}}` closing the block';
  return 'expected text or a `{{…}}` expression (a block has one `{{else}}`)';
}

/** The innermost block opened and never closed (`{{#if x}}` without `{{/if}}`), comments aside. */
function unclosedBlock(source: string): { name: string; at: Place } | undefined {
  const open: { name: string; index: number }[] = [];
  const tags = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#/])[*>]?\s*([^\s}~]+)/g;
  for (const match of source.matchAll(tags)) {
    if (match[1] === '#') open.push({ name: match[2]!, index: match.index });
    else if (match[1] === '/' && open.at(-1)?.name === match[2]) open.pop();
  }
  const last = open.at(-1);
  if (!last) return undefined;
  return { name: last.name, at: placeAt(source, last.index) };
}

/** The place of the first `{{/name` after `from` (an offset in `source`), 1-based. */
function closingPlace(source: string, from: number, name: string): Place | undefined {
  const match = new RegExp(`\\{\\{~?\\s*/\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s}~])`).exec(source.slice(from));
  return match ? placeAt(source, from + match.index) : undefined;
}

/** The 1-based line and column of `offset` in `source`. */
export function placeAt(source: string, offset: number): Place {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function offsetOf(source: string, at: Place): number {
  const lines = source.split('\n').slice(0, at.line - 1);
  return lines.reduce((sum, line) => sum + line.length + 1, 0) + at.column - 1;
}

/** Handlebars ends an exception's message with " - line:column" when it knows the place. */
function stripPlace(message: string): string {
  return message.split('\n')[0]!.replace(/ - \d+:\d+$/, '');
}

/**
 * An error raised while a template runs: a strict lookup that failed, a
 * helper called wrongly, a partial missing. The place is Handlebars' (or the
 * helper's, `options.loc`) where it has one, else the outline's.
 */
export function runError(file: string, source: string, outline: TemplateOutline, helpers: readonly string[], error: unknown): PaperboyError {
  const message = error instanceof Error ? error.message : String(error);
  const exception = error as { lineNumber?: unknown; column?: unknown; endLineNumber?: unknown; endColumn?: unknown; printed?: PrintedKind; fields?: string[] };
  if (typeof exception.lineNumber === 'number' && typeof exception.column === 'number') {
    const at = place(exception.lineNumber, exception.column);
    if (exception.printed !== undefined) {
      const written = writtenAt(source, exception.lineNumber, exception.column, exception.endLineNumber, exception.endColumn) ?? '';
      return templateError(file, at, unprintable(written, exception.printed, exception.fields ?? [], file.endsWith('.txt.hbs')), error);
    }
    const undefinedName = /^"(.+)" not defined in (.*) - \d+:\d+$/.exec(message);
    if (!undefinedName) return templateError(file, at, stripPlace(message), error);
    const [, name, container] = undefinedName;
    const scope = lookupScopeOf(error);
    const suggestion = scope && suggestField(source, exception.lineNumber, exception.column, scope);
    if (container === 'undefined' || container === 'null') {
      const written = writtenAt(source, exception.lineNumber, exception.column, exception.endLineNumber, exception.endColumn) ?? name!;
      return templateError(file, at, emptyParent(written, written, suggestion), error);
    }
    if (outline.helperNames.has(locationKey({ start: { line: exception.lineNumber, column: exception.column } }))) {
      return templateError(file, at, `Unexpected helper \`${name}\`, ${didYouMean(name!, helpers)}`, error);
    }
    return templateError(file, at, `Unexpected field \`${name}\`, ${suggestion ? expectedField(suggestion) : 'expected a field of the view model'}`, error);
  }
  const partial = /^The partial (\S+) could not be found/.exec(message)?.[1];
  if (partial !== undefined) {
    const call = outline.partialCalls.find(({ name }) => name === partial) ?? outline.partialCalls.find(({ name }) => name === undefined);
    return templateError(file, call && place(call.loc.start.line, call.loc.start.column), `Unexpected partial \`${partial}\`, expected one of the set's partials`, error);
  }
  // A path of three or more parts whose first is missing: Handlebars reads the middle ones without a check.
  const read = /^Cannot read properties of (?:undefined|null) \(reading '(.+)'\)$/.exec(message)?.[1];
  const path = read === undefined ? undefined : outline.paths.find(({ parts }) => parts.indexOf(read) > 0 && parts.indexOf(read) < parts.length - 1);
  if (path) {
    const scope = lookupScopeOf(error);
    const suggestion = scope && suggestField(source, path.loc.start.line, path.loc.start.column, scope);
    return templateError(file, place(path.loc.start.line, path.loc.start.column), emptyParent(path.original, pathThrough(path.original, read!), suggestion), error);
  }
  // A field of a text or a number (`title.length`): the strict check's `in` fails on it.
  const inValue = /^Cannot use 'in' operator to search for '(.+)' in /.exec(message)?.[1];
  const onValue = inValue === undefined ? undefined : outline.paths.find(({ parts }) => parts.at(-1) === inValue);
  if (onValue) {
    const parent = onValue.original.slice(0, onValue.original.lastIndexOf(`.${inValue}`));
    return templateError(file, place(onValue.loc.start.line, onValue.loc.start.column), `Unexpected \`${onValue.original}\`: \`${parent}\` is a text or a number, which has no fields, expected \`${parent}\` alone`, error);
  }
  return templateError(file, undefined, stripPlace(message), error);
}

/**
 * A mustache (`written`, as `{{opinion}}`) whose value cannot print
 * (printed-values.ts): what it printed, and what to write instead, in the
 * template's own kind (`plaintext`: a `.txt` one, where a rich text's
 * `text` is what prints). A field's own name is used in the example when
 * the mustache is a path alone; a helper's result is said as such.
 */
function unprintable(written: string, printed: PrintedKind, fields: readonly string[], plaintext: boolean): string {
  const inner = /^\{\{\{?[~&\s]*(.*?)[\s~]*\}?\}\}$/s.exec(written)?.[1] ?? written;
  const alone = /^[^\s()=]+$/.test(inner);
  const what = alone ? `\`${inner}\`` : 'what it returns';
  const name = alone ? inner : 'field';
  const shown = `Unexpected \`${written}\`: ${what}`;
  switch (printed) {
    case 'rich text': {
      const instead = plaintext ? `\`{{${name}.${fields.includes('text') ? 'text' : 'plain'}}}\` (its plaintext)` : `\`{{{${name}.html}}}\` (its HTML, already sanitized)`;
      return `${shown} is a rich text (${listed(fields)}), which prints as "[object Object]", expected ${instead}`;
    }
    case 'list':
      return `${shown} is a list, which prints as its items run together with commas, expected \`{{#each ${name}}}…{{/each}}\` around what to print of each item (a list of texts: \`{{join ${name} ", "}}\`)`;
    case 'object':
      return `${shown} is a group of fields (${listed(fields)}), which prints as "[object Object]", expected one of its fields, as \`{{${name}.${fields[0] ?? 'name'}}}\``;
    case 'nothing':
      return `${shown} has no value here, which prints nothing, expected it inside \`{{#if ${name}}}…{{/if}}\` (an optional field) or a field that has a value`;
  }
}

/** Field names as a message lists them: `` `a`, `b` ``, the first few of a long list (a paper has some thirty). */
function listed(fields: readonly string[]): string {
  const shown = fields.slice(0, LISTED_FIELDS).map((field) => `\`${field}\``);
  return fields.length > LISTED_FIELDS ? `${shown.join(', ')}, …` : shown.join(', ');
}

const LISTED_FIELDS = 6;

/**
 * `opinion.text` read where `opinion` has no value (a misspelt field, or an
 * optional one outside its `{{#if}}`), or `../title` where no block encloses
 * the context (`..` is the context around a `{{#each}}` or `{{#with}}`).
 * The parent is the path as written (`through` the part read of nothing)
 * without its last part, which may be a segment in brackets
 * (`issue.[title]`) or follow `/` (`../title`).
 */
function emptyParent(written: string, through = written, suggestion?: FieldSuggestion): string {
  const [, parent = through, last = through] = /^(.*)[./](\[[^\]]*\]|[^./[\]]+)$/.exec(through) ?? [];
  if (/^\.\.(?:\/\.\.)*$/.test(parent)) {
    const noBlock = `Unexpected \`${written}\`: no block of this template encloses the context here (a partial does not reach its caller's), so \`${parent}\` has no value`;
    if (suggestion) return `${noBlock}, ${expectedField(suggestion)}`;
    return `${noBlock}, expected a field of the view model (\`../\` reads the context around a \`{{#each}}\` or \`{{#with}}\` block); for a field of this context (its spelling checked), write \`${last}\` without \`${parent}/\``;
  }
  if (suggestion) return `Unexpected \`${written}\`: \`${parent}\` has no value here, ${expectedField(suggestion)}`;
  // Which of the two it is takes the view model, which this message does not know: both are said, neither fix prescribed.
  return `Unexpected \`${written}\`: \`${parent}\` has no value here, expected a field of the view model: check the spelling of \`${parent}\`, or read an optional field inside \`{{#if ${parent}}}\``;
}

/** The second half of a misspelt field's message: the path it likely meant, and why `@root.` when it reads the whole view. */
function expectedField(suggestion: FieldSuggestion): string {
  if (!suggestion.fromRoot) return `expected \`${suggestion.path}\``;
  return `expected \`${suggestion.path}\` (here a name is read from the current context, a block's item or what a partial was given; \`@root.\` reads it from the whole view)`;
}

/** `a.b.c` up to its part `b`, as written (`a.[b]` for `a.[b].c`). */
function pathThrough(written: string, part: string): string {
  const end = written.indexOf(part) + part.length;
  return written.slice(0, written[end] === ']' ? end + 1 : end);
}

/** The source text between two Handlebars positions (lines from 1, columns from 0). */
function writtenAt(source: string, line: number, column: number, endLine: unknown, endColumn: unknown): string | undefined {
  if (endLine !== line || typeof endColumn !== 'number') return undefined;
  return source.split('\n')[line - 1]?.slice(column, endColumn);
}

/** A partial included by a name the set has no partial of, found when the templates load. */
export function missingPartial(file: string, call: { name: string; loc: hbs.AST.SourceLocation }, partials: readonly string[]): PaperboyError {
  const reason = `Unexpected partial \`${call.name}\`, ${didYouMean(call.name, partials)} (a file under partials/, named without .hbs)`;
  return templateError(file, place(call.loc.start.line, call.loc.start.column), reason, undefined);
}

/** How a partial may include itself: inside a block over data that ends, as the built-in section partial does. */
const RECURSION_EXAMPLE = 'as section.html does: `{{#each subsections}}{{> section.html}}{{/each}}`';

/**
 * Partials that include each other in a circle outside any block, found
 * when the templates load: rendering would include them again and again
 * until the stack runs out. At the call that closes the circle.
 */
export function partialLoop(loop: PartialLoop): PaperboyError {
  const reason = `Unexpected \`{{> ${loop.call.name}}}\`, a partial loop without end (${loop.chain.join(' → ')}), expected a partial to include itself only inside a block over data that ends (${RECURSION_EXAMPLE})`;
  return templateError(loop.file, callPlace(loop), reason, undefined, 'Remove this call, or move it inside a block (`{{#each …}}`, `{{#if …}}`) that ends the loop.');
}

/**
 * The stack ran out while a template rendered (`cause`): partials that
 * include each other through blocks that, for this issue, never end
 * (`loop`, the one reachable from the template rendered, at the call that
 * closes it, which may be one by a name computed when it runs), or, when no
 * loop is known, a recursion without a place.
 */
export function endlessPartialLoop(loop: PartialLoop | undefined, cause: unknown): PaperboyError {
  if (!loop) {
    return new PaperboyError('TEMPLATE_ERROR', 'Unexpected recursion without end while rendering the templates (the stack ran out), expected the partials named when they run (`{{> (lookup …)}}`) to stop including each other', { cause, hint: HINT });
  }
  if (!loop.call.guarded) {
    // Only a call by a computed name (`{{> (concat …)}}`) outside a block gets here: one by its name is refused at load.
    const reason = `Unexpected partial loop without end (${loop.chain.join(' → ')}) through this call, whose partial is named when it runs, outside any block, expected a partial to include itself only inside a block over data that ends (${RECURSION_EXAMPLE})`;
    return templateError(loop.file, callPlace(loop), reason, cause, 'Remove this call, or move it inside a block (`{{#each …}}`, `{{#if …}}`) that ends the loop.');
  }
  const reason = `Unexpected partial loop without end (${loop.chain.join(' → ')}): the blocks around its calls never ended it for this issue, expected a recursion over data that ends (${RECURSION_EXAMPLE})`;
  return templateError(loop.file, callPlace(loop), reason, cause, 'Make the block around this call end: loop over a part of the data that gets smaller at each call.');
}

function callPlace(loop: PartialLoop): Place {
  return place(loop.call.loc.start.line, loop.call.loc.start.column);
}
