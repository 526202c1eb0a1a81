import Handlebars from 'handlebars';

/**
 * Makes `env` compile every mustache that prints a value (`{{x}}`,
 * `{{{x}}}`, `{{&x}}`, in HTML and plaintext templates, partials
 * included) with a check of what it prints, as it prints it. Handlebars
 * turns any value into text: a rich text (`{html, text}`), a paper or the
 * whole `newsletter` printed as "[object Object]", a list as its items
 * joined by commas (`{{authors}}`: "A,B"), and an optional field without a
 * value as nothing ("Edited by " without the name) in every email sent,
 * without a word. Which value a path holds is known only when it runs
 * (a partial's context, a block's item, `lookup`), so the check is in the
 * compiled code itself: it goes wherever the template goes, into a build's
 * render workers too, and the view needs no prototype (a worker's view is a
 * structured clone). A value that cannot print throws an `Error` whose
 * `printed` says what it was (`PrintedKind`) and whose `lineNumber`,
 * `column`, `endLineNumber` and `endColumn` place the mustache
 * (Handlebars' numbering: lines from 1, columns from 0); template-errors.ts
 * `runError` words it.
 *
 * Printable: text, numbers, booleans and Handlebars' SafeString (what a
 * helper writing HTML returns). Nothing (`undefined`, `null`) is printable
 * only as a helper's result (`{{log …}}` prints nothing): a field printed
 * alone must have a value, so an optional one is read inside
 * `{{#if field}}`.
 */
export function checkPrintedValues(env: typeof Handlebars): void {
  const withCompilers = env as unknown as WithCompilers;
  const Base = withCompilers.JavaScriptCompiler;
  class PrintCheckingCompiler extends Base {
    override append(printed?: string): void {
      this.checkTop(printed);
      super.append();
    }

    override appendEscaped(printed?: string): void {
      this.checkTop(printed);
      super.appendEscaped();
    }

    /** Puts the check around the value on top of the stack (what `append` prints), for a mustache's value only. */
    private checkTop(printed: string | undefined): void {
      if (printed !== FIELD && printed !== RESULT) return;
      const { start, end } = this.source.currentLocation;
      const place = JSON.stringify({ lineNumber: start.line, column: start.column, endLineNumber: end.line, endColumn: end.column });
      const value = this.popStack();
      this.push([this.aliasable(CHECK), '(', value, ', ', place, ', ', String(printed === FIELD), ')']);
    }
  }
  // A block's program is compiled by `new this.compiler()`: the same checks.
  (PrintCheckingCompiler.prototype as unknown as { compiler: unknown }).compiler = PrintCheckingCompiler;
  withCompilers.JavaScriptCompiler = PrintCheckingCompiler;
  withCompilers.Compiler = PrintMarkingCompiler;
}

/** What a value that cannot print was: a rich text (an object with its `html`: an email's `{html, text}`, a web page's `{markdown, plain, html}`), a list, another object, or nothing (undefined or null). */
export type PrintedKind = 'rich text' | 'list' | 'object' | 'nothing';

/** The mark `PrintMarkingCompiler` gives a mustache's printing: a path alone (`{{opinion}}`), or a call (`{{isolate title}}`). */
const FIELD = 'field';
const RESULT = 'result';

/**
 * The check, as JavaScript in each compiled template (`aliasable`: one per
 * block program): it returns the value, or throws for one that cannot print.
 * Self-contained, as the compiled code reaches nothing of this module.
 */
const CHECK = `(function (value, place, field) {
  if (value === null || value === undefined ? !field : typeof value !== 'object' || typeof value.toHTML === 'function') return value;
  var printed = value === null || value === undefined ? 'nothing' : Array.isArray(value) ? 'list' : typeof value.html === 'string' ? 'rich text' : 'object';
  var error = new Error('Unexpected ' + printed + ' printed');
  error.printed = printed;
  if (printed === 'object' || printed === 'rich text') error.fields = Object.keys(value);
  for (var key in place) error[key] = place[key];
  throw error;
})`;

/** The members of Handlebars' compilers used here, which its type declarations leave out. */
interface JavaScriptCompilerInternals {
  source: { currentLocation: hbs.AST.SourceLocation };
  append(): void;
  appendEscaped(): void;
  popStack(): unknown;
  push(expression: unknown): unknown;
  aliasable(name: string): unknown;
}

interface CompilerInternals {
  sourceNode: hbs.AST.Node[];
  opcode(name: string, ...args: unknown[]): void;
}

/** An environment's compilers, which Handlebars' type declarations leave out (`Handlebars.Compiler`, `Handlebars.JavaScriptCompiler`). */
interface WithCompilers {
  Compiler: new () => CompilerInternals;
  JavaScriptCompiler: new () => JavaScriptCompilerInternals;
}

/**
 * Handlebars' compiler (the AST to opcodes), marking the printing of a
 * mustache's value (`append`, `appendEscaped`) with what it prints: a path
 * alone, or what a call returns. A block's and a partial's results are
 * not marked: they are the templates' own text.
 */
class PrintMarkingCompiler extends (Handlebars as unknown as WithCompilers).Compiler {
  override opcode(name: string, ...args: unknown[]): void {
    const node = this.sourceNode[0];
    if ((name === 'append' || name === 'appendEscaped') && node?.type === 'MustacheStatement') {
      const mustache = node as hbs.AST.MustacheStatement;
      const alone = mustache.path.type === 'PathExpression' && mustache.params.length === 0 && mustache.hash === undefined;
      super.opcode(name, alone ? FIELD : RESULT);
      return;
    }
    super.opcode(name, ...args);
  }
}

(PrintMarkingCompiler.prototype as unknown as { compiler: unknown }).compiler = PrintMarkingCompiler;
