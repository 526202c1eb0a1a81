import { quoteYamlText, textFields } from '../../issue/text-fields.js';
import type { FileRule } from '../types.js';

/**
 * A `#` after a space starts a YAML comment, even in the middle of unquoted
 * text: `title: Paper ranked #1 on the leaderboard` is read as "Paper
 * ranked", and the rest silently disappears. In a text field, a `#` followed
 * directly by a word (`#1`, `#42:`, `#NLP`) is text the writer meant, so it
 * is an error, and `--fix` puts the whole line's text in quotes. A comment
 * written as one (`# ` with a space: `editor: Jane  # optional`), a comment
 * on its own line, and comments after non-text keys (`status: draft  # …`)
 * are left alone.
 *
 * ok:     `title: "Paper ranked #1 on the leaderboard"`; `editor: Jane Editor  # optional`
 * not ok: `title: Paper ranked #1 on the leaderboard` → Unexpected comment `#1 on the leaderboard` cutting the unquoted text of `title`, expected the text in quotes: `"Paper ranked #1 on the leaderboard"` (fix)
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
      const comment = /^[ \t]*(#\S.*?)[ \t]*$/.exec(rest);
      if (!comment) continue;
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
