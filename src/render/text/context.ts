import type { LinkContext } from '../links.js';
import type { MarkdownDefinitions } from './definitions.js';
import type { FootnoteCollector } from './footnotes.js';
import type { ReferenceList } from './references.js';
import type { TextStyle } from './style.js';

/** What laying out one Markdown text needs besides the width, handed down to every block and span. */
export interface RenderContext {
  readonly style: TextStyle;
  readonly links: LinkContext;
  readonly references: ReferenceList;
  readonly footnotes: FootnoteCollector;
  readonly definitions: MarkdownDefinitions;
  /** The Markdown text the nodes' positions point into (written.ts); undefined when unknown. */
  readonly source: string | undefined;
}
