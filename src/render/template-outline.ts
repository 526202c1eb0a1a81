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
}

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
  const outline: TemplateOutline = { partialCalls: [], inlinePartials: [], helperNames: new Set(), paths: [], unescaped: [] };
  new OutlineVisitor(outline).accept(ast);
  return outline;
}

type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

class OutlineVisitor extends Handlebars.Visitor {
  /** How many blocks the node visited is inside. */
  private blocks = 0;

  constructor(private readonly outline: TemplateOutline) {
    super();
  }

  override PathExpression(path: hbs.AST.PathExpression): void {
    (path as hbs.AST.PathExpression & { strict?: boolean }).strict = true;
    if (path.parts.length > 1) this.outline.paths.push(path);
  }

  override MustacheStatement(mustache: hbs.AST.MustacheStatement): void {
    this.noteHelper(mustache);
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
