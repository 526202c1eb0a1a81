import { parseDocument, type Document } from 'yaml';

/**
 * A YAML file's lines as an editor sees them: where each starts, how it is
 * indented, and which lines are the text of a block (`summary: |`): those
 * indented past its key and at least as far as its first written line. YAML's
 * own view of a file it cannot read is askew from the broken line on; this
 * one is read from the lines alone, for messages about how they are laid
 * out. For the issue frontmatter and the config file alike.
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

/** A parser error, in offsets of the YAML text. */
export interface ParserError {
  code: string;
  range: [start: number, end: number];
}

/** A mistake found behind a parser error: what to say, at offsets of the YAML text. */
export interface YamlMistake {
  message: string;
  range: [start: number, end: number];
  /** The edit of the YAML text (offsets in it) that clears the mistake, proven by reading it again (`editFixes`), when it changes no value: `lint --fix` applies it. */
  fix?: { range: [start: number, end: number]; text: string };
}

/** What a diagnosis of a parser error reads: the document, its text and lines, and the file's line number of an offset. */
export interface MistakeContext {
  document: Document.Parsed;
  yamlText: string;
  lines: LayoutLine[];
  /** The file's line number of an offset in the YAML text. */
  lineOf: (offset: number) => number;
}

const KEY_LINE = /^([ \t]*)((?:-[ \t]+)*)([A-Za-z_][\w-]*):(?:[ \t]|$)/;
const BLOCK_HEADER = /:[ \t]+[|>][-+1-9]*[ \t]*(?:#.*)?$/;

/**
 * Every line of the YAML (`\n`-separated, offsets in UTF-16 code units of
 * `yamlText`), laid out as above. `isFormatKey`: whether a key is one the
 * file's format has, which ends a block even on a tab-indented line (a
 * tab's width is the editor's guess).
 */
export function layoutOf(yamlText: string, isFormatKey: (key: string | undefined) => boolean): LayoutLine[] {
  const lines: LayoutLine[] = [];
  let block: { header: number; keyColumn: number; textIndent?: number } | undefined;
  for (let start = 0; start <= yamlText.length; ) {
    const end = yamlText.indexOf('\n', start);
    const text = end === -1 ? yamlText.slice(start) : yamlText.slice(start, end);
    const line: LayoutLine = { start, text, indent: /^[ \t]*/.exec(text)![0] };
    const keyLine = KEY_LINE.exec(text);
    if (keyLine) Object.assign(line, { key: keyLine[3], keyColumn: keyLine[1]!.length + keyLine[2]!.length });
    // A tab-indented line stays in the block (its width is the editor's guess), unless it starts one of the format's keys.
    const tabbed = line.indent.includes('\t');
    if (block && (text.trim() === '' || (!tabbed && line.indent.length > block.keyColumn && line.indent.length >= (block.textIndent ?? 0)) || (tabbed && !isFormatKey(line.key)))) {
      line.blockHeader = block.header;
      // The block's first written line sets its text's indentation (YAML 1.2 §8.1.1.1): a line indented less ends it.
      // With an indentation indicator (`|2`) the header sets it, and the first line may be indented further.
      if (!tabbed && text.trim() !== '') block.textIndent ??= line.indent.length;
    } else {
      const header = keyLine && BLOCK_HEADER.exec(text);
      block = header ? { header: lines.length, keyColumn: line.keyColumn!, ...(/\d/.test(header[0]) ? { textIndent: 0 } : {}) } : undefined;
    }
    lines.push(line);
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}

/** A written line, not blank and not a comment, whose indentation has no tab. */
export const isPlainlyIndented = (line: LayoutLine) => !line.indent.includes('\t') && line.text.trim() !== '' && !line.text.trimStart().startsWith('#');

/** The nearest key line above line `index` (not block text) whose key starts at or before `column`: for a `- ` line at `column`, its list's key. */
export function keyLineAbove(lines: LayoutLine[], index: number, column: number): LayoutLine | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const line = lines[at]!;
    if (line.key !== undefined && line.blockHeader === undefined && isPlainlyIndented(line) && line.keyColumn! <= column) return line;
  }
  return undefined;
}

/** The index in `lines` of the line holding `offset` (of the YAML text). */
export function lineIndexAt(lines: LayoutLine[], offset: number): number {
  let index = 0;
  while (index + 1 < lines.length && lines[index + 1]!.start <= offset) index++;
  return index;
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
