import Handlebars from 'handlebars';

/**
 * Makes `env` compile a path through a block parameter
 * (`{{#each papers as |paper|}}{{paper.sumary}}{{/each}}`) as strictly as
 * every other path (template-outline.ts): its last part must be a field of
 * what the parameter holds. Handlebars reads such a path leniently even
 * with `strict` (javascript-compiler.js `lookupBlockParam` passes no
 * `strict` to `resolvePath`), so a misspelt field rendered as nothing,
 * without a word. A parameter alone (`{{paper}}`) is read as before.
 */
export function strictBlockParams(env: typeof Handlebars): void {
  (env as unknown as WithCompiler).JavaScriptCompiler = StrictBlockParamCompiler;
}

/** The members of Handlebars' JavaScript compiler this one uses, which its type declarations leave out. */
interface CompilerInternals {
  useBlockParams: boolean;
  push(expression: unknown): unknown;
  resolvePath(type: string, parts: readonly string[], startPartIndex: number, falsy: boolean, strict: boolean): void;
  lookupBlockParam(blockParamId: readonly [number, number], parts: readonly string[]): void;
}

/** An environment's JavaScript compiler, which Handlebars' type declarations leave out (`Handlebars.JavaScriptCompiler`). */
interface WithCompiler {
  JavaScriptCompiler: new () => CompilerInternals;
}

class StrictBlockParamCompiler extends (Handlebars as unknown as WithCompiler).JavaScriptCompiler {
  override lookupBlockParam(blockParamId: readonly [number, number], parts: readonly string[]): void {
    if (parts.length < 2) {
      super.lookupBlockParam(blockParamId, parts);
      return;
    }
    // As Handlebars' own, with the last part checked (`container.strict`).
    this.useBlockParams = true;
    this.push(['blockParams[', blockParamId[0], '][', blockParamId[1], ']']);
    this.resolvePath('context', parts, 1, false, true);
  }
}

// The compiler of a template's blocks (`compileChildren`: `new this.compiler()`) is this one too.
(StrictBlockParamCompiler.prototype as unknown as { compiler: unknown }).compiler = StrictBlockParamCompiler;
