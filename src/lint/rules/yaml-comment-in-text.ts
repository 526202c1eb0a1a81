import { isCollection, isPair, isScalar, parseDocument, visit, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { cutItemReport, flowComments, writtenKey } from '../../issue/flow-comments.js';
import type { ParsedIssue } from '../../issue/parse.js';
import { continuationEnd, firstTextLine, foldedPlainText } from '../../issue/plain-lines.js';
import { quoteYamlText } from '../../diagnostics/yaml-quote.js';
import { flowCollections, nodeAt, textFields, type TextField } from '../../issue/text-fields.js';
import type { FileRule, Report } from '../types.js';

/**
 * A `#` after a space starts a YAML comment, even in the middle of unquoted
 * text: `title: Paper ranked #1 on the leaderboard` is read as "Paper
 * ranked", and the rest silently disappears. In a text field, a `#` followed
 * directly by a word (`#1`, `#42:`, `#NLP`) is text the writer meant, so it
 * is an error. So is such a `#` starting a line below a plain text, indented
 * deeper than its key (or `- `) as the text's next line would be
 * (`title: Why we stop ranking on` / `  #1 leaderboards`): YAML reads any
 * line that starts with `#` as a comment, however it is indented. `--fix`
 * puts the whole text in quotes, over the lines it was written on, which a
 * quoted text folds as a plain one does (YAML 1.2 §7.3); the fix is given
 * only when the file read again has the text the writer meant, and not for
 * a text after an anchor or a tag (`venue: &Co Workshop #3`): quoting the
 * value alone would leave YAML dropping its start (yaml-syntax says how to
 * write it). A comment
 * written as one (`# ` with a space: `editor: Jane  # optional`) after text
 * is a warning without a fix: it may be a comment, or text that YAML cuts
 * all the same (`ranked # 1`), and only the writer knows; its own line is
 * the unambiguous place for a comment. Comments on their own line (at the
 * key's indentation or shallower, written as one, or after quoted or block
 * text) and after non-text keys (`status: draft  # …`) are left alone.
 *
 * In a flow list (`authors: [Team #2, Ann Lee]`, `tags: [evals, #NLP]`) or
 * mapping (a paper written `- {title: Ranked #1, url: …}`), the comment
 * runs to the line's end too, taking the items after it and the closing
 * `]` or `}` (flow-comments.ts): a `#` after a space there is an error
 * whenever it takes any of them, and `--fix` quotes the one item or value
 * it stands in (`["Team #2", Ann Lee]`, `[evals, "#NLP"]`, `{title:
 * "Ranked #1", …}`), or gives no fix when its bounds cannot be told (a
 * quote or a bracket in it, or text on the line above). The parser reports
 * the collection left unclosed, or whatever it raises below it (a key
 * indented one space too deep read as an item), as this rule's problem too,
 * at the `#` (yaml-errors.ts): not as a yaml-syntax error at the line's end
 * or on the next line, and the issue is not published until it is quoted
 * (the real problem below, if any, is said then). A list the parser reads
 * askew after it is named by its key as written (`tags`).
 *
 * ok:     `title: "Paper ranked #1 on the leaderboard"`; `status: draft  # until reviewed`
 * not ok: `title: Paper ranked #1 on the leaderboard` → Unexpected comment `#1 on the leaderboard` cutting the unquoted text of `title`, expected the text in quotes: `"Paper ranked #1 on the leaderboard"` (fix)
 * not ok: `title: Why we stop ranking on` / `  #1 leaderboards` → Unexpected comment `#1 leaderboards` on a line of its own, indented as text, cutting the unquoted text of `title`, expected the text in quotes: `"Why we stop ranking on #1 leaderboards"` (fix)
 * not ok: `tags: [evals, #NLP]` → Unexpected comment `#NLP` cutting the unquoted item `#NLP` of `tags`, expected the item in quotes: `"#NLP"` (fix)
 * not ok: `- {title: Ranked #1, url: …}` → Unexpected comment `#1` cutting the unquoted text of `title`, expected the text in quotes: `"Ranked #1"` (fix)
 * not ok: `editor: Jane Editor  # optional` → Unexpected comment `# optional` after the unquoted text of `editor`, expected the comment on a line of its own (or the text in quotes, if the `#` is part of it) (warning)
 */
const rule: FileRule = {
  id: 'yaml-comment-in-text',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'No `#` comment cuts unquoted text in the frontmatter (`title: ranked #1` reads as "ranked")',
  check({ parsed, report }) {
    const document = parsed.document;
    if (!document) return;
    const offset = parsed.frontmatterOffset;
    // The frontmatter alone, which the fixes are read again as.
    const yamlText = parsed.source.text.slice(offset, offset + document.range[2]);
    for (const { key, node } of flowCollections(document)) checkFlowCollection(parsed, key, node, report);
    const columns = ownerColumns(document, yamlText);
    const at = (start: number, end: number) => parsed.lines.position(offset + start, offset + end);
    for (const field of textFields(document)) {
      const { key, node } = field;
      const column = columns.get(node);
      // No column for a value in a flow collection (`ownerColumns`): checkFlowCollection reads those, as their ends are not the line's.
      if (node.type !== 'PLAIN' || !node.range || column === undefined) continue;
      const valueEnd = node.range[1];
      const lineStop = yamlText.indexOf('\n', valueEnd);
      const rest = yamlText.slice(valueEnd, lineStop === -1 ? yamlText.length : lineStop);
      const sameLine = /^[ \t]*(#.*?)[ \t]*$/.exec(rest);
      const sameLineCut = sameLine ? { start: valueEnd + rest.indexOf('#'), end: valueEnd + rest.indexOf('#') + sameLine[1]!.length } : undefined;
      if (sameLineCut && /^#(\s|$)/.test(sameLine![1]!)) {
        report(commentAfterText(sameLine![1]!, key, at(sameLineCut.start, sameLineCut.end)));
        continue;
      }
      const next = lineStop === -1 ? yamlText.length : lineStop + 1;
      const below = continuationEnd(yamlText, next, column);
      const cut = sameLineCut ?? ownLineCut(yamlText, next, below);
      if (!cut) continue;
      // The value as written goes on to the last line below it that its indentation makes part of it.
      const written: [number, number] = [node.range[0] === node.range[1] ? cut.start : node.range[0], below ?? cut.end];
      const { expected, fix } = quotedValue(document, yamlText, field, written);
      report({
        message: `Unexpected comment \`${yamlText.slice(cut.start, cut.end)}\` ${sameLine ? 'cutting' : 'on a line of its own, indented as text, cutting'} the unquoted text of \`${key}\`, expected ${expected}`,
        position: at(cut.start, cut.end),
        ...(fix ? { fix: { range: [offset + fix.range[0], offset + fix.range[1]], text: fix.text } } : {}),
      });
    }
  },
};

/**
 * The comment that starts the first line below a plain value, from `from`
 * to `end` (the lines its indentation continues it with), when it reads as
 * text: a `#` directly followed by a word (`#1 leaderboards`). A comment
 * written as one (`# note`) is the writer's, however it is indented.
 */
function ownLineCut(yamlText: string, from: number, end: number | undefined): { start: number; end: number } | undefined {
  const line = end === undefined ? undefined : firstTextLine(yamlText, from, end);
  return line && /^#[\p{L}\p{N}_]/u.test(yamlText.slice(line.start, line.end)) ? line : undefined;
}

/**
 * The value written at `written` (offsets in the YAML text) in quotes, as a
 * fix and in words for the message. The quotes keep its lines (a quoted
 * value folds them as a plain one does, YAML 1.2 §7.3), and the fix is given
 * only when the file read again with it has the value the writer meant (the
 * lines folded, every `#` kept) and no more YAML errors than before.
 */
function quotedValue(document: Document.Parsed, yamlText: string, field: TextField, written: [number, number]): { expected: string; fix?: { range: [number, number]; text: string } } {
  // A value's anchor or tag is written before it, outside `written`: quoted alone, the value would keep them and lose their words.
  if (field.node.anchor !== undefined || field.node.tag !== undefined) return { expected: 'the text in quotes or in a `|` block' };
  const meant = foldedPlainText(yamlText.slice(...written));
  const text = quoteYamlText(yamlText.slice(...written));
  const fixed = parseDocument(yamlText.slice(0, written[0]) + text + yamlText.slice(written[1]), { uniqueKeys: true });
  const value = nodeAt(fixed, field.path);
  if (!isScalar(value) || value.value !== meant || fixed.errors.length > document.errors.length) return { expected: 'the text in quotes or in a `|` block' };
  return { expected: meant.includes('\n') ? 'the text in quotes' : `the text in quotes: \`${quoteYamlText(meant)}\``, fix: { range: written, text } };
}

/** The column (characters from its line's start) of the block mapping or list each scalar is in: the key's or the `- `'s, which a plain value's lines are indented deeper than. */
function ownerColumns(document: Document.Parsed, yamlText: string): Map<unknown, number> {
  const columns = new Map<unknown, number>();
  visit(document, {
    Scalar(_, node, path) {
      const parent = path.at(-1);
      const collection = isPair(parent) ? path.at(-2) : parent;
      if (!isCollection(collection) || collection.flow || !collection.range) return;
      const start = collection.range[0];
      columns.set(node, start - yamlText.lastIndexOf('\n', start - 1) - 1);
    },
  });
  return columns;
}

/** A comment written as one (`# ` and words) after text: a warning, as only the writer knows if the `#` is text. */
function commentAfterText(comment: string, key: string, position: Report['position']): Report {
  return {
    message: `Unexpected comment \`${comment}\` after the unquoted text of \`${key}\`, expected the comment on a line of its own (or the text in quotes, if the \`#\` is part of it)`,
    position,
    severity: 'warning',
  };
}

function checkFlowCollection(parsed: ParsedIssue, key: string, collection: YAMLMap | YAMLSeq, report: (report: Report) => void): void {
  const offset = parsed.frontmatterOffset;
  const yamlText = parsed.source.text.slice(offset);
  const owner = writtenKey(yamlText, collection.range![0]) ?? key;
  for (const comment of flowComments(yamlText, collection.range![0])) {
    const { start, end, afterText, takesSyntax } = comment;
    // A comment that takes nothing after a `,` (a list over several lines) is one the writer meant.
    if (!takesSyntax && !afterText) continue;
    const cut = yamlText.slice(start, end);
    const position = parsed.lines.position(offset + start, offset + end);
    if (!takesSyntax && /^#(\s|$)/.test(cut)) {
      report(commentAfterText(cut, comment.key?.name ?? owner, position));
      continue;
    }
    const { message, fix } = cutItemReport(yamlText, owner, comment, collection.range![0]);
    report({ message, position, ...(fix ? { fix: { range: [offset + fix.range[0], offset + fix.range[1]], text: fix.text } } : {}) });
  }
}

export default rule;
