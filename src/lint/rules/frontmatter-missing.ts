import { parseProblemRule } from './parse-problem.js';

/**
 * An issue file starts with YAML frontmatter.
 *
 * not ok: an empty file; a file starting with `# Title`.
 */
export default parseProblemRule('frontmatter-missing', 'The file starts with YAML frontmatter between `---` lines');
