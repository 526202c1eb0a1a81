import type Handlebars from 'handlebars';

/**
 * Where a template was reading when it failed: what its names were read
 * from, to suggest the field a misspelt one likely meant
 * (field-suggestions.ts). Handlebars' strict lookup says only
 * `"titel" not defined in [object Object]`; the object itself, the blocks'
 * contexts around it and the whole view are gone once it has thrown.
 */
export interface LookupScope {
  /** The context a name is read from (`this`): the view, a block's item (`{{#each papers}}`), what a partial was given. */
  context: unknown;
  /** The contexts around it, innermost first, `depths[1]` being `../`'s; undefined when the template reads no `../`. */
  depths: readonly unknown[] | undefined;
  /** The data frame (`@index`, `@root`: `data.root` is the whole view); undefined when none was made. */
  data: Readonly<Record<string, unknown>> | undefined;
  /** The values of the block parameters (`as |paper index|`), innermost block first, each block's in the order named; undefined when the template names none. */
  blockParams: readonly (readonly unknown[] | undefined)[] | undefined;
}

/** Each error thrown while a template ran, and the scope of the innermost block running when it was thrown. */
const scopes = new WeakMap<object, LookupScope>();

/** The scope `error` was thrown in, when a template of an environment set up by `noteLookupScopes` threw it. */
export function lookupScopeOf(error: unknown): LookupScope | undefined {
  return typeof error === 'object' && error !== null ? scopes.get(error) : undefined;
}

/**
 * Makes every template `env` loads (compiled, or from a precompiled spec:
 * both go through `env.template`) note on an error its scope. A template
 * spec's programs (`main` and the numbered blocks) are the functions
 * Handlebars calls with the context, the data frame and the depths
 * (runtime.js `wrapProgram`); each is wrapped to note them, the innermost
 * first (a note already taken is kept).
 */
export function noteLookupScopes(env: typeof Handlebars): void {
  const template = env.template.bind(env);
  env.template = ((spec: Record<string, unknown>) => template(withScopes(spec) as never)) as typeof env.template;
}

type Program = (container: unknown, context: unknown, helpers: unknown, partials: unknown, data: unknown, blockParams: unknown, depths: unknown) => unknown;

function withScopes(spec: Record<string, unknown>): Record<string, unknown> {
  const wrapped: Record<string, unknown> = { ...spec };
  for (const [key, value] of Object.entries(spec)) {
    // `main_d` and `1_d` are decorators, not programs.
    if (typeof value === 'function' && (key === 'main' || /^\d+$/.test(key))) wrapped[key] = noting(value as Program);
  }
  return wrapped;
}

function noting(program: Program): Program {
  return (container, context, helpers, partials, data, blockParams, depths) => {
    try {
      return program(container, context, helpers, partials, data, blockParams, depths);
    } catch (error) {
      // A stack overflow is no misspelling, and noting it could overflow again.
      if (typeof error === 'object' && error !== null && !(error instanceof RangeError) && !scopes.has(error)) {
        scopes.set(error, { context, depths: depths as LookupScope['depths'], data: data as LookupScope['data'], blockParams: blockParams as LookupScope['blockParams'] });
      }
      throw error;
    }
  };
}
