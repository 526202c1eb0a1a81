import { isAlias, visit, type Document } from 'yaml';
import { unclosedAt } from '../diagnostics/yaml-unclosed.js';
import { ISSUE_TEXT_KEYS, PAPER_TEXT_KEYS } from './schema.js';
import { quoteYamlText } from './text-fields.js';

/** A YAML problem, in offsets of the YAML text. */
export interface YamlProblem {
  message: string;
  range: [start: number, end: number];
}

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
 * Any other error is reported in the parser's words, and is the last: the
 * errors after a broken structure are its echoes.
 */
export function yamlProblems(document: Document.Parsed, yamlText: string): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const quotedLines = new Set<number>();
  const raised: RaisedError[] = [...document.errors.map((error) => ({ code: error.code, message: `Unexpected YAML: ${firstLine(error.message)}`, range: error.pos })), ...unresolvedAliases(document)];
  for (const error of raised.sort((a, b) => a.range[0] - b.range[0])) {
    const lineStart = yamlText.lastIndexOf('\n', error.range[0] - 1) + 1;
    if (quotedLines.has(lineStart)) continue;
    const textLine = textKeyLine(yamlText, lineStart);
    const isTextReadAsSyntax = textLine !== undefined && error.range[0] >= textLine.valueStart && (READ_AS_SYNTAX.has(error.code) || error.expected !== undefined);
    if (!isTextReadAsSyntax) {
      problems.push({ message: error.expected ? `${error.message}, expected ${error.expected}` : error.message, range: unclosedAt(error, yamlText) });
      // After a broken structure (a bad indent, an unclosed `[`) the parser reads the rest askew: what it raises
      // there follows from this one (a block's `|` taken for text to quote), so it is not reported.
      break;
    }
    quotedLines.add(lineStart);
    const quoted = `the text in quotes: \`${textLine.key}: ${quoteYamlText(textLine.value)}\``;
    problems.push({
      message: error.expected
        ? `${error.message}, expected ${error.expected}, or ${quoted}`
        : `Unexpected ${whatYamlSees(textLine.value)} in the unquoted text of \`${textLine.key}\`, expected ${quoted}`,
      range: [textLine.valueStart, textLine.valueStart + textLine.value.length],
    });
  }
  return problems;
}

/** Aliases whose anchor is not set before them, which `toJS` would throw on. */
function unresolvedAliases(document: Document.Parsed): RaisedError[] {
  const problems: RaisedError[] = [];
  visit(document, {
    Alias(_, node) {
      if (!isAlias(node) || node.resolve(document) !== undefined) return;
      const range: [number, number] = node.range ? [node.range[0], node.range[1]] : [0, 0];
      problems.push({ code: 'UNRESOLVED_ALIAS', message: `Unexpected alias \`*${node.source}\``, expected: `an anchor \`&${node.source}\` before it`, range });
    },
  });
  return problems;
}

/** The key and the value as written on a `key: value` (or `- key: value`) line of a text key. */
function textKeyLine(yamlText: string, lineStart: number): { key: string; value: string; valueStart: number } | undefined {
  const lineEnd = yamlText.indexOf('\n', lineStart);
  const line = yamlText.slice(lineStart, lineEnd === -1 ? yamlText.length : lineEnd);
  const match = /^([ \t]*(?:-[ \t]+)?)([A-Za-z]+):[ \t]+(\S.*?)[ \t]*$/.exec(line);
  if (!match || !TEXT_KEYS.has(match[2]!)) return undefined;
  return { key: match[2]!, value: match[3]!, valueStart: lineStart + line.indexOf(match[3]!, match[1]!.length + match[2]!.length + 1) };
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
