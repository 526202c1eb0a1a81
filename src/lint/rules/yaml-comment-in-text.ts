import { quoteYamlText, textFields } from '../../issue/text-fields.js';
import type { FileRule } from '../types.js';

/**
 * A `#` after a space starts a YAML comment, even in the middle of unquoted
 * text: `title: Paper ranked #1 on the leaderboard` is read as "Paper
 * ranked", and the rest silently disappears. In a text field, a `#` followed
 * directly by a word (`#1`, `#42:`, `#NLP`) is text the writer meant, so it
 * is an error, and `--fix` puts the whole line's text in quotes. A comment
 * written as one (`# ` with a space: `editor: Jane  # optional`) after text
 * is a warning without a fix: it may be a comment, or text that YAML cuts
 * all the same (`ranked # 1`), and only the writer knows; its own line is
 * the unambiguous place for a comment. Comments on their own line and after
 * non-text keys (`status: draft  # …`) are left alone.
 *
 * ok:     `title: "Paper ranked #1 on the leaderboard"`; `status: draft  # until reviewed`
 * not ok: `title: Paper ranked #1 on the leaderboard` → Unexpected comment `#1 on the leaderboard` cutting the unquoted text of `title`, expected the text in quotes: `"Paper ranked #1 on the leaderboard"` (fix)
 * not ok: `editor: Jane Editor  # optional` → Unexpected comment `# optional` after the unquoted text of `editor`, expected the comment on a line of its own (or the text in quotes, if the `#` is part of it) (warning)
 */
const rule: FileRule = {
  id: 'yaml-comment-in-text',
  severity: 'error',
  scope: 'file',
  doc: 'No `#` comment cuts unquoted text in the frontmatter (`title: ranked #1` reads as "ranked")',
  check({ parsed, report }) {
    if (!parsed.document) return;
    const text = parsed.source.text;
    const offset = parsed.frontmatterOffset;
    for (const { key, node } of textFields(parsed.document)) {
      if (node.type !== 'PLAIN' || !node.range) continue;
      const valueStart = offset + node.range[0];
      const valueEnd = offset + node.range[1];
      const lineEnd = text.indexOf('\n', valueEnd);
      const rest = text.slice(valueEnd, lineEnd === -1 ? text.length : lineEnd);
      const comment = /^[ \t]*(#.*?)[ \t]*$/.exec(rest);
      if (!comment) continue;
      if (/^#(\s|$)/.test(comment[1]!)) {
        report({
          message: `Unexpected comment \`${comment[1]!}\` after the unquoted text of \`${key}\`, expected the comment on a line of its own (or the text in quotes, if the \`#\` is part of it)`,
          position: parsed.lines.position(valueEnd + rest.indexOf('#'), valueEnd + rest.indexOf('#') + comment[1]!.length),
          severity: 'warning',
        });
        continue;
      }
      const commentStart = valueEnd + rest.indexOf('#');
      const commentEnd = commentStart + comment[1]!.length;
      const written = text.slice(valueStart, commentEnd);
      const quoted = quoteYamlText(written);
      // A plain value that spans lines is folded by YAML; quoting it by hand is the writer's call.
      const oneLine = !written.includes('\n');
      const expected = oneLine ? `the text in quotes: \`${quoted}\`` : 'the text in quotes or in a `|` block';
      report({
        message: `Unexpected comment \`${comment[1]!}\` cutting the unquoted text of \`${key}\`, expected ${expected}`,
        position: parsed.lines.position(commentStart, commentEnd),
        ...(oneLine ? { fix: { range: [valueStart, commentEnd], text: quoted } } : {}),
      });
    }
  },
};
export default rule;
