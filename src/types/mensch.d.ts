/**
 * What paperboy uses of mensch 0.3 (juice's CSS parser, which ships no
 * types): `parse` makes a stylesheet's tree, at-rules (`@media`) with their
 * prelude as `name` and their own `rules`; `stringify` writes it back.
 */
declare module 'mensch' {
  export interface CssNode {
    type: string;
    /** An at-rule's prelude: a `@media` rule's query list. */
    name?: string;
    rules?: CssNode[];
  }
  export interface Stylesheet {
    type: 'stylesheet';
    stylesheet: { rules: CssNode[] };
  }
  export function parse(css: string, options?: { comments?: boolean; position?: boolean }): Stylesheet;
  export function stringify(ast: Stylesheet, options?: { comments?: boolean; indentation?: string }): string;
}
