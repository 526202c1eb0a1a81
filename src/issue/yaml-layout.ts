import { parseDocument } from 'yaml';
import { ISSUE_KEYS, PAPER_KEYS } from './schema.js';

/**
 * The frontmatter's lines as an editor sees them: where each starts, how it
 * is indented, and which lines are the text of a block (`summary: |`). YAML's
 * own view of a file it cannot read is askew from the broken line on; this
 * one is read from the lines alone, for messages about how they are laid out.
 */
export interface LayoutLine {
  start: number;
  text: string;
  /** The whitespace before the line's text, tabs included. */
  indent: string;
  /** The line's key (after any `- `), when it is a `key:` line. */
  key?: string;
  /** Where the key starts, in characters from the line's start. */
  keyColumn?: number;
  /** The line of the block's `key: |` when this line is (by its indentation) text of that block. */
  blockHeader?: number;
}

const KNOWN_KEYS = new Set([...ISSUE_KEYS, ...PAPER_KEYS]);
const KEY_LINE = /^([ \t]*)((?:-[ \t]+)*)([A-Za-z_][\w-]*):(?:[ \t]|$)/;
const BLOCK_HEADER = /:[ \t]+[|>][-+1-9]*[ \t]*(?:#.*)?$/;

/** Every line of the frontmatter's YAML (`\n`-separated, offsets in UTF-16 code units of `yamlText`), laid out as above. */
export function layoutOf(yamlText: string): LayoutLine[] {
  const lines: LayoutLine[] = [];
  let block: { header: number; keyColumn: number } | undefined;
  for (let start = 0; start <= yamlText.length; ) {
    const end = yamlText.indexOf('\n', start);
    const text = end === -1 ? yamlText.slice(start) : yamlText.slice(start, end);
    const line: LayoutLine = { start, text, indent: /^[ \t]*/.exec(text)![0] };
    const keyLine = KEY_LINE.exec(text);
    if (keyLine) Object.assign(line, { key: keyLine[3], keyColumn: keyLine[1]!.length + keyLine[2]!.length });
    // A tab-indented line stays in the block (its width is the editor's guess), unless it starts one of the format's keys.
    const tabbed = line.indent.includes('\t');
    if (block && (text.trim() === '' || (!tabbed && line.indent.length > block.keyColumn) || (tabbed && !KNOWN_KEYS.has(line.key ?? '')))) {
      line.blockHeader = block.header;
    } else {
      block = keyLine && BLOCK_HEADER.test(text) ? { header: lines.length, keyColumn: line.keyColumn! } : undefined;
    }
    lines.push(line);
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}

/** The index in `lines` of the line holding `offset` (of the YAML text). */
export function lineIndexAt(lines: LayoutLine[], offset: number): number {
  let index = 0;
  while (index + 1 < lines.length && lines[index + 1]!.start <= offset) index++;
  return index;
}

/** A written line, not blank and not a comment, whose indentation has no tab. */
const isPlainlyIndented = (line: LayoutLine) => !line.indent.includes('\t') && line.text.trim() !== '' && !line.text.trimStart().startsWith('#');

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

/** The nearest key line above line `index` (not block text) whose key starts at or before `column`: for a `- ` line at `column`, its list's key. */
export function keyLineAbove(lines: LayoutLine[], index: number, column: number): LayoutLine | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const line = lines[at]!;
    if (line.key !== undefined && line.blockHeader === undefined && isPlainlyIndented(line) && line.keyColumn! <= column) return line;
  }
  return undefined;
}

/**
 * Whether replacing `[start, end)` of the YAML text with `insert` leaves no
 * error from `from` to the end of the edited line: a fix a message suggests
 * must be one that works.
 */
export function editFixes(yamlText: string, edit: { start: number; end: number; insert: string }, from: number): boolean {
  const edited = yamlText.slice(0, edit.start) + edit.insert + yamlText.slice(edit.end);
  const lineEnd = edited.indexOf('\n', edit.start + edit.insert.length);
  const upTo = lineEnd === -1 ? edited.length : lineEnd;
  return parseDocument(edited, { prettyErrors: false, uniqueKeys: true }).errors.every((error) => error.pos[0] < Math.min(from, edit.start) || error.pos[0] > upTo);
}

export const isKnownKey = (key: string | undefined) => key !== undefined && KNOWN_KEYS.has(key);
