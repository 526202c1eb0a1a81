import { parseProblemRule } from './parse-problem.js';

/**
 * YAML errors and unclosed frontmatter, at the offending line.
 *
 * ok:     `---\nnumber: 1\n---`
 * not ok: `---\nnumber: [1\n---` → Unexpected YAML: …
 */
export default parseProblemRule('yaml-syntax', 'The frontmatter is valid YAML between two `---` lines');
