import { parseProblemRule } from './parse-problem.js';

/**
 * Required keys, types, and no unknown keys (with a did-you-mean).
 *
 * not ok: `sumary: x` → Unexpected key `sumary`, expected `summary`
 */
export default parseProblemRule('frontmatter-schema', 'The frontmatter has the keys of docs/issue-format.md, with the right types');
