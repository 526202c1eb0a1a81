import type { Words } from '../../config/words.js';
import type { LinkContext } from '../links.js';
import type { MarkdownDefinitions } from './definitions.js';
import type { FootnoteCollector } from './footnotes.js';
import type { ReferenceList } from './references.js';
import type { TextStyle } from './style.js';

/** The words of paperboy's (the config's `words:`, else English) a Markdown text is laid out with. */
export type TextWords = Pick<Words, 'image'>;

/** What laying out one Markdown text needs besides the width, handed down to every block and span. */
export interface RenderContext {
  readonly style: TextStyle;
  readonly links: LinkContext;
  readonly references: ReferenceList;
  readonly footnotes: FootnoteCollector;
  readonly definitions: MarkdownDefinitions;
  /** paperboy's words the text says itself (config/words.ts): `image`, an image's label. */
  readonly words: TextWords;
  /** The Markdown text the nodes' positions point into (written.ts); undefined when unknown. */
  readonly source: string | undefined;
}
