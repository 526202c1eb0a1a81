import Handlebars from 'handlebars';
import { closest } from '../diagnostics/did-you-mean.js';
import type { LookupScope } from './lookup-scopes.js';

/**
 * The path a misspelt name in a template likely meant, found in the data
 * the template was reading when it failed (lookup-scopes.ts), as the
 * editor would write it: `issue.title` for `issue.titel`, `../title` for
 * `../titel`, and `@root.issue.title` for `issue.title` written inside
 * `{{#each papers}}` (a block reads names from its item; the field is the
 * whole view's).
 */
export interface FieldSuggestion {
  /** The path to write instead. */
  path: string;
  /** It reads from the whole view (`@root.…`), not from where the written path did. */
  fromRoot: boolean;
}

/** A path of a template's tree, and the names of the block parameters (`{{#each papers as |paper|}}`) of each block around it, innermost first. */
interface PlacedPath {
  path: hbs.AST.PathExpression;
  blockParams: readonly (readonly string[])[];
}

/**
 * The suggestion for the path written at `line`:`column` (Handlebars'
 * numbering: line from 1, column from 0) of `source`, read in `scope`;
 * undefined when none is close enough, or when the path resolves as
 * written (the failure was something else).
 */
export function suggestField(source: string, line: number, column: number, scope: LookupScope): FieldSuggestion | undefined {
  const placed = pathAt(source, line, column);
  return placed && suggestPath(placed, scope);
}

function suggestPath({ path, blockParams }: PlacedPath, scope: LookupScope): FieldSuggestion | undefined {
  const { parts, depth, data } = path as hbs.AST.PathExpression & { depth: number };
  if (parts.length === 0) return undefined;
  const param = !data && depth === 0 ? blockParamOf(parts[0]!, blockParams, scope) : undefined;
  if (param) {
    const rest = nearestPath(param.value, parts.slice(1));
    return rest && { path: [parts[0]!, ...rest].map(segment).join('.'), fromRoot: false };
  }
  const start = data ? scope.data : depth > 0 ? scope.depths?.[depth] : scope.context;
  const root = scope.data?.root;
  // The whole view, when the path does not start there: a name of the view read inside a block (or a partial given a part of it).
  const fromRoot = data || root === undefined || root === start ? undefined : root;
  const exactAtRoot = fromRoot !== undefined && resolves(fromRoot, parts);
  if (!exactAtRoot) {
    const here = nearestPath(start, parts);
    if (here && here.some((part, index) => part !== parts[index])) return { path: writtenPath(path, here), fromRoot: false };
  }
  const inner = !data && depth === 0 ? innerPath(start, parts) : undefined;
  if (inner) return { path: writtenPath(path, inner), fromRoot: false };
  const atRoot = fromRoot === undefined ? undefined : nearestPath(fromRoot, parts);
  return atRoot && { path: `@root.${atRoot.map(segment).join('.')}`, fromRoot: true };
}

/**
 * `parts` written without the part of the view that holds them
 * (`{{editor}}` for `issue.editor`, `{{unsubscribe}}` for
 * `links.unsubscribe`): the path through the one object field of `start`
 * in which `parts` resolve as written; undefined when none or several do.
 */
function innerPath(start: unknown, parts: readonly string[]): string[] | undefined {
  if (typeof start !== 'object' || start === null) return undefined;
  const holders = Object.entries(start).filter(
    ([key, value]) => key !== '_parent' && typeof value === 'object' && value !== null && !Array.isArray(value) && resolves(value, parts),
  );
  return holders.length === 1 ? [holders[0]![0], ...parts] : undefined;
}

/**
 * The value of the block parameter `name` where the path is read, as
 * Handlebars finds it (compiler.js `blockParamIndex`): the innermost
 * block naming it; undefined when no block around names it.
 */
function blockParamOf(name: string, blockParams: PlacedPath['blockParams'], scope: LookupScope): { value: unknown } | undefined {
  const depth = blockParams.findIndex((names) => names.includes(name));
  if (depth === -1) return undefined;
  return { value: scope.blockParams?.[depth]?.[blockParams[depth]!.indexOf(name)] };
}

/** Whether every part of `parts` is a field of what the one before it read, from `start`. */
function resolves(start: unknown, parts: readonly string[]): boolean {
  const found = nearestPath(start, parts);
  return found !== undefined && found.every((part, index) => part === parts[index]);
}

/**
 * `parts` read from `start` one by one, each replaced by the nearest field
 * of the object it is read from when that object lacks it; undefined
 * when one has no near field, or what it is read from is no object.
 */
function nearestPath(start: unknown, parts: readonly string[]): string[] | undefined {
  const found: string[] = [];
  let current = start;
  for (const part of parts) {
    if (typeof current !== 'object' || current === null) return undefined;
    const field = part in current ? part : closest(part, Object.keys(current).filter((key) => key !== '_parent'));
    if (field === undefined) return undefined;
    found.push(field);
    current = (current as Record<string, unknown>)[field];
  }
  return found;
}

/** `parts` written with the path's own start: `@`, `../`, `this.` or `./`. */
function writtenPath(path: hbs.AST.PathExpression, parts: readonly string[]): string {
  const { depth, data, original } = path as hbs.AST.PathExpression & { depth: number };
  const start = data ? '@' : depth > 0 ? '../'.repeat(depth) : (/^(?:this[./]|\.\/)/.exec(original)?.[0] ?? '');
  return `${start}${parts.map(segment).join('.')}`;
}

/** A path segment as Handlebars reads it: in brackets when it holds a character a name cannot. */
function segment(part: string): string {
  return /^[^\s!"#%&'()*+,./;<=>@[\\\]^`{|}~]+$/.test(part) ? part : `[${part}]`;
}

/** The path written at a place of `source`, which parsed when it was loaded. */
function pathAt(source: string, line: number, column: number): PlacedPath | undefined {
  const finder = new PathFinder(line, column);
  finder.accept(Handlebars.parseWithoutProcessing(source));
  return finder.found;
}

class PathFinder extends Handlebars.Visitor {
  found: PlacedPath | undefined;
  private readonly blockParams: string[][] = [];

  constructor(
    private readonly line: number,
    private readonly column: number,
  ) {
    super();
  }

  override Program(program: hbs.AST.Program): void {
    this.blockParams.push(program.blockParams ?? []);
    super.Program(program);
    this.blockParams.pop();
  }

  override PathExpression(path: hbs.AST.PathExpression): void {
    if (!this.found && path.loc.start.line === this.line && path.loc.start.column === this.column) this.found = { path, blockParams: [...this.blockParams].reverse() };
  }
}
