import { parseProblemRule } from './parse-problem.js';

/**
 * YAML errors and unclosed frontmatter, at the offending line; and a YAML
 * tag that YAML drops or that changes a value's type, at the tag
 * (issue/yaml-tags.ts), with a fix that quotes a text starting with one,
 * and so is an anchor no alias uses at the start of a plain text, which
 * YAML drops as well (`title: &Co — a study of firms`);
 * a tab indenting a line, with a fix that writes the spaces of the lines
 * beside it where they tell how many (diagnostics/yaml-tab-indent.ts).
 *
 * ok:     `---\nnumber: 1\n---`
 * not ok: `---\nnumber: [1\n---` → Unexpected YAML: …
 * not ok: `title: !Surprise results` → Unexpected YAML tag `!Surprise` in the unquoted text of `title`, which YAML drops, … (fix)
 * not ok: `title: &Co — a study of firms` → Unexpected YAML anchor `&Co` in the unquoted text of `title`, which YAML drops, … (fix)
 */
export default parseProblemRule('yaml-syntax', 'The frontmatter is valid YAML between two `---` lines, with no tag or anchor that drops text (`title: !Surprise results` reads as "results", `title: &Co firms` as "firms")');
