import Handlebars from 'handlebars';

/**
 * What loading a template learns from its parsed tree, walking it once:
 * every path made strict, and the calls whose targets the set must have.
 */
export interface TemplateOutline {
  /** The partials it includes, in the order written. */
  partialCalls: PartialCall[];
  /** The inline partials it defines (`{{#*inline "name"}}`): a call may name one of them. */
  inlinePartials: string[];
  /** Where a name stands in a helper's place (`{{name arg}}`, `(name arg)`), as `line:column` of the name. */
  helperNames: Set<string>;
  /**
   * The paths of two parts or more (`a.b`), to place an error Handlebars
   * raises without a place: it reads the middle parts of `a.b.c` without a
   * check, and a part of a text or a number (`title.length`) fails its check.
   */
  paths: hbs.AST.PathExpression[];
  /** Its unescaped mustaches (`{{{summary.html}}}`, `{{&title}}`): what they print reaches the HTML as it is. */
  unescaped: UnescapedMustache[];
  /** Calls of a helper that writes HTML (`HTML_HELPERS`) inside a tag, where its elements would be an attribute's text (`alt="{{isolate title}}"`). */
  htmlInTags: { helper: string; argument: string; loc: hbs.AST.SourceLocation }[];
}

/** The helpers whose result is HTML (render/helpers.ts): `<bdi>` around a value, `<br>` between lines, `<span lang>` around a word. */
const HTML_HELPERS = new Set(['isolate', 'lineBreaks', 'word']);

/** A mustache in triple braces (or `{{&…}}`): `written` its path as written; `helper` when it calls one (`{{{concat a b}}}`). */
export interface UnescapedMustache {
  written: string;
  helper: boolean;
  loc: hbs.AST.SourceLocation;
}

/** A partial included by a template (`{{> footer.html}}`, `{{#> layout}}…{{/layout}}`). */
export interface PartialCall {
  /** Its written name (`footer.html`); undefined for one computed when it runs (`{{> (lookup …)}}`, `{{> @partial-block}}`). */
  name: string | undefined;
  /** The call's place. */
  loc: hbs.AST.SourceLocation;
  /**
   * Inside a block (`{{#if}}`, `{{#each}}`, any block helper, an inline
   * partial's body, a partial block's content): it may not run, so a loop
   * of calls through it may end (templates/partials/section.html.hbs
   * includes itself for each of `subsections`).
   */
  guarded: boolean;
  /** A partial block (`{{#> name}}fallback{{/name}}`): Handlebars renders its content when no partial has the name. */
  fallback: boolean;
}

/** `line:column` of a node's start, the key of `TemplateOutline.helperNames`. */
export function locationKey(loc: { start: { line: number; column: number } }): string {
  return `${loc.start.line}:${loc.start.column}`;
}

/**
 * Makes every path of `ast` strict, in place, and outlines its calls.
 *
 * Handlebars' `strict` option checks only a mustache's own path
 * (`{{field}}`, compiler.js `simpleSexpr`): the parameters of a helper or a
 * block (`{{#if opinon}}`, `{{#each sectons}}`, `{{wrap titel}}`) and hash
 * values were read leniently, so a misspelt name rendered as undefined and
 * dropped its content without a word. A strict path's last part must be a
 * key of the object it is read from (runtime.js `strict`: `name in object`),
 * so an optional field the view model sets to `undefined` still passes
 * (view-model.ts keeps every key present).
 */
export function outlineTemplate(ast: hbs.AST.Program): TemplateOutline {
  const outline: TemplateOutline = { partialCalls: [], inlinePartials: [], helperNames: new Set(), paths: [], unescaped: [], htmlInTags: [] };
  new OutlineVisitor(outline).accept(ast);
  return outline;
}

type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

class OutlineVisitor extends Handlebars.Visitor {
  /** How many blocks the node visited is inside. */
  private blocks = 0;
  /** Where the template's text read so far leaves the HTML: inside a tag (its name or attributes), and in which quote. */
  private tag: { quote: string | undefined } | undefined;

  constructor(private readonly outline: TemplateOutline) {
    super();
  }

  override PathExpression(path: hbs.AST.PathExpression): void {
    (path as hbs.AST.PathExpression & { strict?: boolean }).strict = true;
    if (path.parts.length > 1) this.outline.paths.push(path);
  }

  override ContentStatement(content: hbs.AST.ContentStatement): void {
    this.tag = tagAfter(this.tag, content.value);
  }

  override MustacheStatement(mustache: hbs.AST.MustacheStatement): void {
    this.noteHelper(mustache);
    const name = mustache.path.type === 'PathExpression' ? (mustache.path as hbs.AST.PathExpression).original : '';
    if (this.tag && HTML_HELPERS.has(name)) {
      const [first] = mustache.params;
      const argument = first?.type === 'PathExpression' ? (first as hbs.AST.PathExpression).original : first?.type === 'StringLiteral' ? JSON.stringify((first as hbs.AST.StringLiteral).value) : 'title';
      this.outline.htmlInTags.push({ helper: name, argument, loc: mustache.loc });
    }
    if (!mustache.escaped) {
      const { path } = mustache;
      const helper = path.type !== 'PathExpression' || mustache.params.length > 0 || mustache.hash !== undefined;
      this.outline.unescaped.push({ written: path.type === 'PathExpression' ? (path as hbs.AST.PathExpression).original : '', helper, loc: mustache.loc });
    }
    super.MustacheStatement(mustache);
  }

  override BlockStatement(block: hbs.AST.BlockStatement): void {
    this.noteHelper(block);
    this.inBlock(() => super.BlockStatement(block));
  }

  override SubExpression(sexpr: hbs.AST.SubExpression): void {
    this.noteHelper(sexpr);
    super.SubExpression(sexpr);
  }

  override PartialStatement(partial: hbs.AST.PartialStatement): void {
    this.notePartial(partial, false);
    super.PartialStatement(partial);
  }

  override PartialBlockStatement(partial: hbs.AST.PartialBlockStatement): void {
    this.notePartial(partial, true);
    this.inBlock(() => super.PartialBlockStatement(partial));
  }

  override DecoratorBlock(decorator: hbs.AST.DecoratorBlock): void {
    const [name] = decorator.params;
    if ((decorator.path as hbs.AST.PathExpression).original === 'inline' && name?.type === 'StringLiteral') this.outline.inlinePartials.push((name as hbs.AST.StringLiteral).value);
    this.inBlock(() => super.DecoratorBlock(decorator));
  }

  private inBlock(visit: () => void): void {
    this.blocks++;
    visit();
    this.blocks--;
  }

  private notePartial(partial: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, fallback: boolean): void {
    // A name written as a path or a string is known now; a computed one (`{{> (lookup …)}}`)
    // and `{{> @partial-block}}` only when it runs.
    const written = partial.name as hbs.AST.PartialStatement['name'] & { original?: unknown; data?: boolean };
    const name = written.type === 'SubExpression' || written.data ? undefined : String(written.original);
    this.outline.partialCalls.push({ name, loc: partial.loc, guarded: this.blocks > 0, fallback });
  }

  private noteHelper(call: Call): void {
    if (call.path.type === 'PathExpression' && (call.params.length > 0 || call.hash !== undefined)) this.outline.helperNames.add(locationKey(call.path.loc));
  }
}

/**
 * Where HTML text leaves a reader that was at `tag` (undefined: between
 * tags): inside a tag after a `<` and a letter or `/`, until its `>`
 * outside quotes. The templates' own text, read in the order written
 * (both branches of a block in turn: a tag is opened and closed within
 * one), is enough to tell an attribute from an element's text.
 */
function tagAfter(tag: { quote: string | undefined } | undefined, text: string): { quote: string | undefined } | undefined {
  let quote = tag?.quote;
  let inside = tag !== undefined;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (!inside) {
      if (char === '<' && /[A-Za-z/]/.test(text[at + 1] ?? '')) inside = true;
    } else if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      inside = false;
    }
  }
  return inside ? { quote } : undefined;
}

