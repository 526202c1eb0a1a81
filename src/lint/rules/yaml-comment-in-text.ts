import type { YAMLSeq } from 'yaml';
import { cutItemReport, flowComments } from '../../issue/flow-comments.js';
import type { ParsedIssue } from '../../issue/parse.js';
import { flowTextLists, quoteYamlText, textFields } from '../../issue/text-fields.js';
import type { FileRule, Report } from '../types.js';

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
 * In a flow list (`authors: [Team #2, Ann Lee]`, `tags: [evals, #NLP]`),
 * the comment runs to the line's end too, taking the items after it and the
 * closing `]` (flow-comments.ts): a `#` after a space there is an error
 * whenever it takes any of them, and `--fix` quotes the one item it stands
 * in (`["Team #2", Ann Lee]`, `[evals, "#NLP"]`), or gives no fix when that
 * item's bounds cannot be told (a quote or a bracket in it, or text on the
 * line above). The parser reports the list left unclosed as this rule's
 * problem too, at the `#` (yaml-errors.ts): not as a yaml-syntax error on
 * the next line, and the issue is not published until it is quoted.
 *
 * ok:     `title: "Paper ranked #1 on the leaderboard"`; `status: draft  # until reviewed`
 * not ok: `title: Paper ranked #1 on the leaderboard` → Unexpected comment `#1 on the leaderboard` cutting the unquoted text of `title`, expected the text in quotes: `"Paper ranked #1 on the leaderboard"` (fix)
 * not ok: `tags: [evals, #NLP]` → Unexpected comment `#NLP` cutting the unquoted item `#NLP` of `tags`, expected the item in quotes: `"#NLP"` (fix)
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
    const flowLists = flowTextLists(parsed.document);
    // A flow list's items are read where the list is: their ends are not the line's.
    const inFlowList = new Set<unknown>(flowLists.flatMap(({ node }) => node.items));
    for (const { key, node } of flowLists) checkFlowList(parsed, key, node, report);
    for (const { key, node } of textFields(parsed.document)) {
      if (node.type !== 'PLAIN' || !node.range || inFlowList.has(node)) continue;
      const valueStart = offset + node.range[0];
      const valueEnd = offset + node.range[1];
      const lineEnd = text.indexOf('\n', valueEnd);
      const rest = text.slice(valueEnd, lineEnd === -1 ? text.length : lineEnd);
      const comment = /^[ \t]*(#.*?)[ \t]*$/.exec(rest);
      if (!comment) continue;
      if (/^#(\s|$)/.test(comment[1]!)) {
        report(commentAfterText(comment[1]!, key, parsed.lines.position(valueEnd + rest.indexOf('#'), valueEnd + rest.indexOf('#') + comment[1]!.length)));
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
/** A comment written as one (`# ` and words) after text: a warning, as only the writer knows if the `#` is text. */
function commentAfterText(comment: string, key: string, position: Report['position']): Report {
  return {
    message: `Unexpected comment \`${comment}\` after the unquoted text of \`${key}\`, expected the comment on a line of its own (or the text in quotes, if the \`#\` is part of it)`,
    position,
    severity: 'warning',
  };
}

function checkFlowList(parsed: ParsedIssue, key: string, list: YAMLSeq, report: (report: Report) => void): void {
  const offset = parsed.frontmatterOffset;
  const yamlText = parsed.source.text.slice(offset);
  for (const comment of flowComments(yamlText, list.range![0])) {
    const { start, end, afterText, takesSyntax } = comment;
    // A comment that takes nothing after a `,` (a list over several lines) is one the writer meant.
    if (!takesSyntax && !afterText) continue;
    const cut = yamlText.slice(start, end);
    const position = parsed.lines.position(offset + start, offset + end);
    if (!takesSyntax && /^#(\s|$)/.test(cut)) {
      report(commentAfterText(cut, key, position));
      continue;
    }
    const { message, fix } = cutItemReport(yamlText, key, comment);
    report({ message, position, ...(fix ? { fix: { range: [offset + fix.range[0], offset + fix.range[1]], text: fix.text } } : {}) });
  }
}

export default rule;
