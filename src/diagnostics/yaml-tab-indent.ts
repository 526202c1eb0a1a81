import { ownerOfKeys, siblingKeyLine, type KeyFormat } from './yaml-key-indent.js';
import { editFixes, isPlainlyIndented, lineIndexAt, type LayoutLine, type MistakeContext, type ParserError, type YamlMistake } from './yaml-layout.js';

/** `1 space`, `4 spaces`: an indentation in a message. */
export const spaces = (count: number) => (count === 1 ? '1 space' : `${count} spaces`);

/**
 * A tab in the indentation of the line of a parser error (YAML indents
 * with spaces only, YAML 1.2 §6.1), at the tab, with the spaces to write
 * instead when the lines around tell how many (`expectedIndent`) and that
 * fix clears the error: the issue frontmatter's and the config's alike,
 * `format` naming their keys. Undefined when the line has no tab.
 */
export function tabIndent(error: ParserError, { yamlText, lines }: MistakeContext, format: KeyFormat): YamlMistake | undefined {
  const index = lineIndexAt(lines, error.range[0]);
  const line = lines[index]!;
  if (!line.indent.includes('\t')) return undefined;
  const tabStart = line.start + line.indent.indexOf('\t');
  const tabs = line.indent.split('\t').length - 1;
  const them = tabs === 1 ? 'the tab' : `the ${tabs} tabs`;
  const expected = expectedIndent(lines, index);
  const added = expected === undefined ? -1 : expected - (line.indent.length - tabs);
  const edit = added >= 0 ? { start: line.start, end: line.start + line.indent.length, insert: ' '.repeat(expected!) } : undefined;
  const fixed = edit !== undefined && editFixes(yamlText, edit, error.range[0]);
  let fix = `replace ${them} with spaces`;
  if (fixed) {
    const like = line.blockHeader === undefined ? ownerOfKeys(lines, siblingKeyLine(lines, index)!, format) : "the block's other lines";
    fix = `${added === 0 ? `delete ${them}` : `replace ${them} with ${spaces(added)}`}, so that the line is indented ${spaces(expected!)}, like ${like}`;
  }
  const message = `Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): ${fix}`;
  // Only the indentation changes, to the width the lines beside it have: every key and text after it reads as written.
  return { message, range: [tabStart, tabStart + 1], ...(fixed ? { fix: { range: [edit.start, edit.end], text: edit.insert } } : {}) };
}

/**
 * How many spaces the text of line `index` should start after: the width of
 * its block's other lines when it is block text, else that of its sibling
 * keys. Undefined when the lines around do not tell.
 */
function expectedIndent(lines: LayoutLine[], index: number): number | undefined {
  const header = lines[index]!.blockHeader;
  if (header !== undefined) {
    const blockLine = lines.find((line, at) => at !== index && line.blockHeader === header && isPlainlyIndented(line));
    return blockLine?.indent.length;
  }
  return siblingKeyLine(lines, index)?.keyColumn;
}
