import type { FootnoteDefinition } from 'mdast';
import type { MarkdownDefinitions } from './definitions.js';

/** A footnote of the email, numbered, with the definitions and the Markdown of the text it was written in. */
export interface CollectedFootnote {
  readonly number: number;
  readonly definition: FootnoteDefinition;
  readonly definitions: MarkdownDefinitions;
  readonly source: string | undefined;
}

/**
 * The footnotes of one email, numbered in order of first reference across
 * all of its texts. A footnote is known by its definition node, so two
 * papers that both write `[^1]` get two numbers.
 */
export class FootnoteCollector {
  private readonly byDefinition = new Map<FootnoteDefinition, CollectedFootnote>();
  private taken = 0;

  /** The number of `definition`, the next free one on its first reference. */
  number(definition: FootnoteDefinition, definitions: MarkdownDefinitions, source: string | undefined): number {
    let footnote = this.byDefinition.get(definition);
    if (!footnote) {
      footnote = { number: this.byDefinition.size + 1, definition, definitions, source };
      this.byDefinition.set(definition, footnote);
    }
    return footnote.number;
  }

  /**
   * The footnotes first referenced since the last call, in number order:
   * a paper's own, taken after its texts so they can be placed after them.
   */
  takeNew(): CollectedFootnote[] {
    const notes = [...this.byDefinition.values()].slice(this.taken);
    this.taken = this.byDefinition.size;
    return notes;
  }
}
