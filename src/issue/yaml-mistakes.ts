import { duplicateKey as duplicatedKey } from '../diagnostics/yaml-duplicate-key.js';
import { editFixes, keyLineAbove, lineIndexAt, type LayoutLine, type MistakeContext, type ParserError, type YamlMistake } from '../diagnostics/yaml-layout.js';
import { keyIndent } from '../diagnostics/yaml-key-indent.js';
import { spaces, tabIndent } from '../diagnostics/yaml-tab-indent.js';
import { isKnownKey, ISSUE_KEY_FORMAT } from './yaml-layout.js';

/** A YAML problem, in offsets of the YAML text. */
export interface YamlProblem extends YamlMistake {
  /** The rule that reports it, when not yaml-syntax (a comment that took a flow list's `]`: yaml-comment-in-text). */
  ruleId?: 'yaml-comment-in-text';
}

/**
 * The editing mistake behind a parser error, in the editor's words and at
 * the mistake: a key written twice, a tab in an indentation, a key or a
 * list item indented unlike its siblings, a key with no `: ` after it, a
 * line of a block's text indented less than the block. Undefined when the error
 * is none of these; every fix suggested is checked to clear the error.
 */
export function editingMistake(error: ParserError, context: MistakeContext): YamlProblem | undefined {
  return duplicateKey(error, context) ?? tabIndent(error, context, ISSUE_KEY_FORMAT) ?? keyIndent(error, context, ISSUE_KEY_FORMAT) ?? itemIndent(error, context) ?? keySeparator(error, context) ?? blockDedent(error, context);
}

function duplicateKey(error: ParserError, { document, lineOf, yamlText }: MistakeContext): YamlProblem | undefined {
  return error.code === 'DUPLICATE_KEY' ? duplicatedKey(document, error.range[0], lineOf, yamlText) : undefined;
}

/**
 * A list item (`- `) indented unlike the items before it in its list (a
 * paper, an author): YAML reads a dash indented less as ending the list, and
 * one indented more as a list inside the item above. Only an item with an
 * item above it in the same list is measured; the fix is checked as others are.
 */
function itemIndent(error: ParserError, { yamlText, lines, lineOf }: MistakeContext): YamlProblem | undefined {
  const errorLine = lineIndexAt(lines, error.range[0]);
  for (const index of [errorLine, errorLine + 1]) {
    const line = lines[index];
    if (!line || !isItem(line) || line.blockHeader !== undefined || line.indent.includes('\t')) continue;
    const sibling = siblingItem(lines, index);
    if (!sibling || sibling.indent.length === line.indent.length) continue;
    if (!editFixes(yamlText, { start: line.start, end: line.start + line.indent.length, insert: sibling.indent }, error.range[0])) continue;
    const list = keyLineAbove(lines, lines.indexOf(sibling), sibling.indent.length)?.key;
    const like = `${list === 'papers' ? 'the paper' : `the item of \`${list ?? 'the list'}\``} on line ${lineOf(sibling.start)}`;
    const itemStart = line.start + line.indent.length;
    const expected = sibling.indent.length;
    const message =
      line.indent.length === 0
        ? `Unexpected \`-\` at the start of the line, expected ${spaces(expected)} before it, like ${like}`
        : `Unexpected indentation of ${spaces(line.indent.length)} before \`-\`, expected ${expected === 0 ? 'none' : expected}, like ${like}`;
    return {
      message,
      range: [itemStart, itemStart + 1],
    };
  }
  return undefined;
}

const isItem = (line: LayoutLine) => /^ *-(?:[ \t]|$)/.test(line.text);

/**
 * The item above line `index` in what an editor reads as its list: the
 * nearest `- ` line, not block text, with every written line between them
 * indented more than it (a line indented as far or less ends that list).
 */
function siblingItem(lines: LayoutLine[], index: number): LayoutLine | undefined {
  let floor = Infinity;
  for (let at = index - 1; at >= 0; at--) {
    const line = lines[at]!;
    if (line.blockHeader !== undefined || line.text.trim() === '' || line.text.trimStart().startsWith('#')) continue;
    if (line.indent.includes('\t')) return undefined;
    if (isItem(line) && line.indent.length < floor) return line;
    floor = Math.min(floor, line.indent.length);
    if (floor === 0) return undefined;
  }
  return undefined;
}

/** One of the format's keys with no space after its colon (`title:Steering`), or no colon (`title Steering`). */
function keySeparator(error: ParserError, { yamlText, lines }: MistakeContext): YamlProblem | undefined {
  const line = lines[lineIndexAt(lines, error.range[0])]!;
  const written = /^([ \t]*(?:-[ \t]+)?)([A-Za-z]+)(:?)([ \t]*)(\S.*?)[ \t]*$/.exec(line.text);
  if (!written || !isKnownKey(written[2]) || (written[3] === ':') === (written[4] !== '')) return undefined;
  const [, lead, key, colon, , value] = written as unknown as [string, string, string, string, string, string];
  const keyStart = line.start + lead.length;
  const separatorEnd = keyStart + key.length + colon.length + written[4]!.length;
  if (!editFixes(yamlText, { start: keyStart + key.length, end: separatorEnd, insert: ': ' }, error.range[0])) return undefined;
  const what = colon ? `space after \`${key}:\`` : `\`:\` after \`${key}\``;
  return { message: `Missing ${what}, expected \`${key}: ${value}\``, range: [keyStart, line.start + line.text.trimEnd().length] };
}

/**
 * A line of a block's text (`summary: |`) indented no more than its key,
 * which ends the block: YAML then reads the line as a key with no `: `
 * ("Implicit keys need to be on a single line") or a mapping out of line.
 * Only a line right after the block's text (blank lines aside) that is no
 * `key:` of the format, list item or comment; the fix, the block's indentation,
 * is checked as others are.
 */
function blockDedent(error: ParserError, { yamlText, lines, lineOf }: MistakeContext): YamlProblem | undefined {
  // The parser may name the blank line before it, where the text it ended had its last line break.
  let index = lineIndexAt(lines, error.range[0]);
  while (index + 1 < lines.length && lines[index]!.text.trim() === '') index++;
  const line = lines[index]!;
  // A `-` starts a list item, written right or not (`-title: B`: yaml-typos.ts), a `#` a comment: neither is the text's.
  if (line.blockHeader !== undefined || line.text.trim() === '' || line.indent.includes('\t') || /^[-#]/.test(line.text.trimStart())) return undefined;
  if (line.key !== undefined && isKnownKey(line.key)) return undefined;
  let above = index - 1;
  while (above >= 0 && lines[above]!.text.trim() === '' && lines[above]!.blockHeader !== undefined) above--;
  const header = lines[above]?.blockHeader;
  if (header === undefined) return undefined;
  const blockIndent = lines.slice(header + 1, above + 1).find((text) => text.text.trim() !== '')?.indent;
  if (blockIndent === undefined || blockIndent.includes('\t')) return undefined;
  if (!editFixes(yamlText, { start: line.start, end: line.start + line.indent.length, insert: blockIndent }, error.range[0])) return undefined;
  const key = lines[header]!.key!;
  const textStart = line.start + line.indent.length;
  return {
    message: `Unexpected indentation of ${spaces(line.indent.length)} in the text of \`${key}\` (its \`${key}:\` on line ${lineOf(lines[header]!.start)}), which ends the text there, expected ${blockIndent.length}, like the text's other lines`,
    range: [textStart, line.start + line.text.trimEnd().length],
  };
}
