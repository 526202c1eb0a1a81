import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The one Markdown parser of paperboy. Every text is parsed once per run (or
 * not at all when a cache has its tree) and the tree is shared by the linter
 * and every renderer: remark is the most expensive stage of the pipeline.
 */
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

