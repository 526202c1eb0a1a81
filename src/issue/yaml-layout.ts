import { isPlainlyIndented, keyLineAbove, type LayoutLine } from '../diagnostics/yaml-layout.js';
import { ISSUE_KEYS, PAPER_KEYS } from './schema.js';

/*
 * Readings of the frontmatter's lines (laid out by diagnostics/yaml-layout.ts)
 * that know the issue format: its keys, its lists (`papers`, `authors`).
 */

const KNOWN_KEYS = new Set([...ISSUE_KEYS, ...PAPER_KEYS]);

/**
 * How many spaces the text of line `index` should start after: the width of
 * its block's other lines when it is block text, else that of its sibling
 * keys. Undefined when the lines around do not tell.
 */
export function expectedIndent(lines: LayoutLine[], index: number): number | undefined {
  const header = lines[index]!.blockHeader;
  if (header !== undefined) {
    const blockLine = lines.find((line, at) => at !== index && line.blockHeader === header && isPlainlyIndented(line));
    return blockLine?.indent.length;
  }
  return siblingKeyLine(lines, index)?.keyColumn;
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
 * Whose keys the keys at `line`'s depth are, for a message: a paper's, the
 * top level's, or a named key's.
 */
export function ownerOfKeys(lines: LayoutLine[], line: LayoutLine): string {
  const column = line.keyColumn!;
  if (column === 0) return 'the other top-level keys';
  for (let at = lines.indexOf(line); at >= 0; at--) {
    const above = lines[at]!;
    if (above.blockHeader !== undefined || !isPlainlyIndented(above)) continue;
    const dash = /^( *)- /.exec(above.text);
    if (dash && dash[1]!.length < column) {
      const list = keyLineAbove(lines, at, dash[1]!.length);
      return list?.key === 'papers' ? "the paper's other keys" : `the other keys of this \`${list?.key ?? 'list'}\` item`;
    }
    if (!dash && above.key !== undefined && above.keyColumn! < column) return `the other keys of \`${above.key}\``;
  }
  return 'the other keys around it';
}

export const isKnownKey = (key: string | undefined) => key !== undefined && KNOWN_KEYS.has(key);
