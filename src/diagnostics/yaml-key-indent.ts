import { editFixes, isPlainlyIndented, keyLineAbove, lineIndexAt, type LayoutLine, type MistakeContext, type ParserError, type YamlMistake } from './yaml-layout.js';

/*
 * A key indented unlike the keys beside it, read from the lines alone
 * (yaml-layout.ts): for the issue frontmatter and the config file alike.
 */

/** What a file's format knows of its keys, for the message: which keys it has, and what the items of its lists are. */
export interface KeyFormat {
  isKnownKey: (key: string | undefined) => boolean;
  /** The words for the other keys of an item of the list `key` (`papers`: "the paper's other keys"); undefined for the generic words. */
  itemKeys?: (key: string) => string | undefined;
}

const spaces = (count: number) => (count === 1 ? '1 space' : `${count} spaces`);

/**
 * A key indented unlike the keys before it at its depth, at the key, with
 * both indentations. Indented less, the parser stumbles on its line;
 * indented more, on the line above, whose value it then reads as running
 * on into this one (only a key the format knows is taken for that one).
 * After a block of text (`summary: |`), a key indented past its siblings
 * but less than the text's lines is a key too (yaml-layout.ts). The fix is
 * checked to clear the error.
 */
export function keyIndent(error: ParserError, { yamlText, lines }: MistakeContext, format: KeyFormat): YamlMistake | undefined {
  const errorLine = lineIndexAt(lines, error.range[0]);
  for (const index of [errorLine, errorLine + 1]) {
    const line = lines[index];
    if (!line || line.key === undefined || line.blockHeader !== undefined || line.indent.includes('\t') || line.keyColumn !== line.indent.length) continue;
    if (index !== errorLine && !format.isKnownKey(line.key)) continue;
    const sibling = siblingKeyLine(lines, index);
    if (!sibling || sibling.keyColumn === line.keyColumn) continue;
    if (!editFixes(yamlText, { start: line.start, end: line.start + line.indent.length, insert: ' '.repeat(sibling.keyColumn!) }, error.range[0])) continue;
    const keyStart = line.start + line.indent.length;
    return {
      message: `Unexpected indentation of ${spaces(line.indent.length)} before \`${line.key}\`, expected ${sibling.keyColumn === 0 ? 'none' : sibling.keyColumn}, like ${ownerOfKeys(lines, sibling, format)}`,
      range: [keyStart, keyStart + line.key.length],
    };
  }
  return undefined;
}

/**
 * The key line above line `index` that its key, at the same depth, follows:
 * the nearest key line that is not block text. None when that line opens a
 * collection (`authors:`), whose first item has no sibling above.
 */
export function siblingKeyLine(lines: LayoutLine[], index: number): LayoutLine | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const line = lines[at]!;
    if (line.blockHeader !== undefined || !isPlainlyIndented(line) || line.key === undefined) continue;
    return /:[ \t]*(?:#.*)?$/.test(line.text) ? undefined : line;
  }
  return undefined;
}

/**
 * Whose keys the keys at `line`'s depth are, for a message: a list item's
 * (in `format`'s words), the top level's, or a named key's.
 */
export function ownerOfKeys(lines: LayoutLine[], line: LayoutLine, format: KeyFormat): string {
  const column = line.keyColumn!;
  if (column === 0) return 'the other top-level keys';
  for (let at = lines.indexOf(line); at >= 0; at--) {
    const above = lines[at]!;
    if (above.blockHeader !== undefined || !isPlainlyIndented(above)) continue;
    const dash = /^( *)- /.exec(above.text);
    if (dash && dash[1]!.length < column) {
      const list = keyLineAbove(lines, at, dash[1]!.length)?.key;
      return (list !== undefined && format.itemKeys?.(list)) || `the other keys of this \`${list ?? 'list'}\` item`;
    }
    if (!dash && above.key !== undefined && above.keyColumn! < column) return `the other keys of \`${above.key}\``;
  }
  return 'the other keys around it';
}
