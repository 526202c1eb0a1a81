import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * paperboy's Markdown dialect built from the stock plugins, unchanged: what
 * src/issue/markdown.ts must equal, tree for tree, positions included.
 */
export const remarkWithGfm = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkMath).freeze();
