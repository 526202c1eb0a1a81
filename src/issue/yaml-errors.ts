import type { Document } from 'yaml';
import { unresolvedAliases } from '../diagnostics/yaml-aliases.js';
import { unclosedAt } from '../diagnostics/yaml-unclosed.js';
import { ISSUE_TEXT_KEYS, PAPER_TEXT_KEYS } from './schema.js';
import { cutItemReport, flowComments, writtenKey } from './flow-comments.js';
import { layoutOf } from '../diagnostics/yaml-layout.js';
import { quoteYamlText } from '../diagnostics/yaml-quote.js';
import { quotedItemEndedEarly } from '../diagnostics/yaml-quoted-item.js';
import { quotedStart, quotedStartMessage, quotesEndedEarly } from '../diagnostics/yaml-quoted-start.js';
import { keyboardSlip } from '../diagnostics/yaml-typos.js';
import { flowCollections } from './text-fields.js';
import { isKnownKey } from './yaml-layout.js';
import { editingMistake, type YamlProblem } from './yaml-mistakes.js';
import { append } from '../arrays.js';

export type { YamlProblem };

const TEXT_KEYS = new Set([...ISSUE_TEXT_KEYS, ...PAPER_TEXT_KEYS]);

/** The parser's errors for a value it read as syntax; others (an unclosed `[` above) are not the line's fault. */
const READ_AS_SYNTAX = new Set(['BLOCK_AS_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'BAD_SCALAR_START', 'BAD_ALIAS']);

interface RaisedError extends YamlProblem {
  code: string;
  /** What would be right instead, for an alias with no anchor. */
  expected?: string;
}

/**
 * The document's errors in words a writer can act on. Most YAML errors in an
 * issue come from text that YAML reads as syntax (`title: Attention: all you
 * need`, `title: *Not* a mirage`, `` title: `code` ``): on the line of a text
 * key, one message says what YAML saw and how to quote the text, whatever
 * (and however many) errors the parser raised there. An alias with no anchor
 * (`opinion: *s`), which the parser accepts but cannot read, is one too.
 * An error that an editing mistake explains (a tab in an indentation, a key
 * indented unlike its siblings or written twice: yaml-mistakes.ts; a list
 * item with no space after its `-`, a quote never closed: diagnostics/yaml-typos.ts;
 * a quoted list item one of its own quotes ended early: diagnostics/yaml-quoted-item.ts) is
 * reported as that mistake; any other in the parser's words. Either is the
 * last: the errors after a broken structure are its echoes. A flow list or
 * mapping left unclosed because a `#` on its line started a comment that
 * took its `]` or `}` (`tags: [evals, #NLP]`, `- {title: Ranked #1, url: …}`)
 * is reported as that `#`, where it is, in
 * lint's yaml-comment-in-text words (which also give the fix): the parser's
 * ("must be sufficiently indented") point at the next line, never at it.
 * `lineOf` gives the file's line number of an offset in the YAML text.
 */
export function yamlProblems(document: Document.Parsed, yamlText: string, lineOf = (offset: number) => yamlText.slice(0, offset).split('\n').length): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const quotedLines = new Set<number>();
  const raised: RaisedError[] = [...document.errors.map((error) => ({ code: error.code, message: `Unexpected YAML: ${firstLine(error.message)}`, range: error.pos })), ...unresolvedAliasErrors(document)];
  if (raised.length === 0) return problems;
  // Laid out only for a file with errors: every issue of a build passes through here.
  const context = { document, yamlText, lines: layoutOf(yamlText, isKnownKey), lineOf };
  for (const error of raised.sort((a, b) => a.range[0] - b.range[0])) {
    const lineStart = yamlText.lastIndexOf('\n', error.range[0] - 1) + 1;
    if (quotedLines.has(lineStart)) continue;
    const cuts = commentsClosing(error, context);
    if (cuts.length > 0) {
      // The parser reads the lines after the list as its items: what it raises there are echoes, as after any broken structure.
      append(problems, cuts);
      break;
    }
    const mistake = editingMistake(error, context) ?? keyboardSlip(error, context) ?? quotedItemEndedEarly(error, context);
    if (mistake) {
      problems.push(mistake);
      break;
    }
    const textLine = textValueAround(yamlText, lineStart);
    const isTextReadAsSyntax = textLine !== undefined && error.range[0] >= textLine.valueStart && (READ_AS_SYNTAX.has(error.code) || error.expected !== undefined);
    if (!isTextReadAsSyntax) {
      problems.push({ message: error.expected ? `${error.message}, expected ${error.expected}` : error.message, range: unclosedAt(error, yamlText) });
      // After a broken structure (a bad indent, an unclosed `[`) the parser reads the rest askew: what it raises
      // there follows from this one (a block's `|` taken for text to quote), so it is not reported.
      break;
    }
    for (const start of textLine.lineStarts) quotedLines.add(start);
    const quoted = rewritten(textLine);
    problems.push({
      message: error.expected
        ? `${error.message}, expected ${error.expected}, or ${quoted}`
        : (textQuotesEndedEarly(textLine) ?? `Unexpected ${whatYamlSees(textLine.lines.join('\n'))} in the unquoted text of \`${textLine.key}\`, expected ${quoted}`),
      range: [textLine.valueStart, textLine.valueEnd],
    });
  }
  return problems;
}

/**
 * The comments that took the closing bracket of a flow collection
 * (flow-comments.ts) before `error`, within that collection as the parser
 * read it on, as yaml-comment-in-text's problems: whatever the parser
 * raises after such a comment follows from it (the list unclosed, the next
 * line read as an item: "Missing , or :" at a key indented one space too
 * deep), and the fix of the `#` shows the real one, if any. None for
 * another error.
 */
function commentsClosing(error: RaisedError, { document, yamlText }: { document: Document.Parsed; yamlText: string }): YamlProblem[] {
  for (const { key, node } of flowCollections(document)) {
    const [start, , end] = node.range!;
    if (error.range[0] < start || error.range[0] > end) continue;
    // An error at the `[` itself: the list is a key (`[A, B #2]: x`), which the comment carried onto the next line ("Implicit keys need to be on a single line").
    const cuts = flowComments(yamlText, start).filter((comment) => comment.takesSyntax && (comment.start < error.range[0] || error.range[0] === start));
    return cuts.map((comment) => ({ ruleId: 'yaml-comment-in-text', message: cutItemReport(yamlText, writtenKey(yamlText, start) ?? key, comment, start).message, range: [comment.start, comment.end] }));
  }
  return [];
}

/** Aliases whose anchor is not set before them, which `toJS` would throw on. */
function unresolvedAliasErrors(document: Document.Parsed): RaisedError[] {
  return unresolvedAliases(document).map((node) => ({
    code: 'UNRESOLVED_ALIAS',
    message: `Unexpected alias \`*${node.source}\``,
    expected: `an anchor \`&${node.source}\` before it`,
    range: node.range ? [node.range[0], node.range[1]] : [0, 0],
  }));
}

/** A text key's plain value as written: its first line on the key's, and the lines that continue it below. */
interface TextValue {
  key: string;
  /** The value's lines without their indentation; a blank line within it is ''. */
  lines: string[];
  /** Offsets in the YAML text: where the value starts and ends, and where each of its lines starts. */
  valueStart: number;
  valueEnd: number;
  lineStarts: number[];
}

/** The line from `start`: its text without the line break, and where the next line starts. */
function lineAt(yamlText: string, start: number): { line: string; next: number } {
  const end = yamlText.indexOf('\n', start);
  return end === -1 ? { line: yamlText.slice(start), next: yamlText.length } : { line: yamlText.slice(start, end), next: end + 1 };
}

/**
 * The plain value of a text key whose lines include the one at `lineStart`:
 * that line's own `key: value` (or `- key: value`), or the nearest key line
 * above it when the line continues a value.
 */
function textValueAround(yamlText: string, lineStart: number): TextValue | undefined {
  for (let start = lineStart; ; start = yamlText.lastIndexOf('\n', start - 2) + 1) {
    if (/^[ \t]*(?:-[ \t]+)?[A-Za-z]+:(?:[ \t]|$)/.test(lineAt(yamlText, start).line)) {
      const value = textKeyLine(yamlText, start);
      return value?.lineStarts.includes(lineStart) ? value : undefined;
    }
    if (start === 0) return undefined;
  }
}

/**
 * The key and the value as written from a `key: value` (or `- key: value`)
 * line of a text key. A plain value goes on over the lines indented more
 * than the key (blank lines between them included), as YAML reads it; a
 * block's `|` or `>` is the one line (its text is the block's).
 */
function textKeyLine(yamlText: string, lineStart: number): TextValue | undefined {
  const { line, next } = lineAt(yamlText, lineStart);
  const match = /^([ \t]*(?:-[ \t]+)?)([A-Za-z]+):[ \t]+(\S.*?)[ \t]*$/.exec(line);
  if (!match || !TEXT_KEYS.has(match[2]!)) return undefined;
  const first = match[3]!;
  const valueStart = lineStart + line.indexOf(first, match[1]!.length + match[2]!.length + 1);
  const value: TextValue = { key: match[2]!, lines: [first], valueStart, valueEnd: valueStart + first.length, lineStarts: [lineStart] };
  if (/^[|>]/.test(first)) return value;
  const blanks: number[] = [];
  for (let start = next; start < yamlText.length; ) {
    const below = lineAt(yamlText, start);
    if (below.line.trim() === '') blanks.push(start);
    else if (/^[ \t]*/.exec(below.line)![0].length > match[1]!.length) {
      append(value.lines, blanks.map(() => ''));
      value.lines.push(below.line.trim());
      append(value.lineStarts, blanks.splice(0));
      value.lineStarts.push(start);
      value.valueEnd = start + below.line.trimEnd().length;
    } else break;
    start = below.next;
  }
  return value;
}

/** Markdown texts, whose line breaks a writer places (a paragraph, a footnote's definition on its own line). */
const MARKDOWN_KEYS = new Set(['summary', 'opinion', 'notes', 'prerequisites']);

/**
 * How to write a value so that YAML reads it whole: one line in quotes; the
 * lines of a Markdown text as a literal block, which keeps them as written;
 * the lines of another text joined by spaces in quotes, as YAML would fold
 * them (a title, a tag has no paragraphs).
 */
function rewritten(value: TextValue): string {
  if (value.lines.length === 1) return `the text in quotes: \`${value.key}: ${quoteYamlText(value.lines[0]!)}\``;
  if (MARKDOWN_KEYS.has(value.key)) return `the text as a block: \`${value.key}: |\`, and all ${value.lines.length} of its lines below it, indented alike (the first moved down from the key's line)`;
  return `the text in quotes on one line: \`${value.key}: ${quoteYamlText(value.lines.filter((line) => line !== '').join(' '))}\``;
}

/**
 * A value that starts with a quote YAML closed before the value's end
 * (diagnostics/yaml-quoted-start.ts), in the writer's terms; the lines of
 * a Markdown text are suggested as a block. Undefined for any other value,
 * or one whose suggestion would not read back as the text.
 */
function textQuotesEndedEarly(value: TextValue): string | undefined {
  const text = value.lines.filter((line) => line !== '').join(' ');
  if (value.lines.length === 1 || !MARKDOWN_KEYS.has(value.key)) return quotesEndedEarly(value.key, text, value.lines.length > 1 ? ' on one line' : '');
  const start = quotedStart(text);
  return start && quotedStartMessage(`\`${value.key}\``, start, `${rewritten(value)}${start.meantAsYaml ? `, without the \`${start.quote}\` around it` : ''}`);
}

/** What YAML makes of unquoted text, by the indicator that misled it. */
function whatYamlSees(value: string): string {
  const first = value[0]!;
  const byIndicator: Record<string, string> = {
    '*': '`*`, which starts a YAML alias,',
    '&': '`&`, which starts a YAML anchor,',
    '!': '`!`, which starts a YAML tag,',
    '[': '`[`, which starts a YAML list,',
    '{': '`{`, which starts a YAML mapping,',
    '"': 'text after the closing quote',
    "'": 'text after the closing quote',
    '|': '`|`, which starts a YAML block (its text goes on the next lines),',
    '>': '`>`, which starts a YAML block (its text goes on the next lines),',
    '@': '`@`, which YAML reserves,',
    '`': '`` ` ``, which YAML reserves,',
    '%': '`%`, which starts a YAML directive,',
    '-': '`- `, which starts a YAML list item,',
    '?': '`? `, which starts a YAML key,',
  };
  if (/:(\s|$)/.test(value)) return '`: `, which starts a YAML key,';
  return byIndicator[first] ?? 'YAML syntax';
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
