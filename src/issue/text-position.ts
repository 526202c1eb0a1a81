import type { Node, Position } from 'unist';
import type { MarkdownText } from './model.js';
import type { ParsedIssue } from './parse.js';

/** File position of offsets in one of the issue's Markdown texts. */
export function textPosition(parsed: ParsedIssue, text: MarkdownText, start: number, end: number): Position {
  return parsed.lines.position(text.fileOffset(start), text.fileOffset(end));
}

/** File position of a node of a Markdown text's tree. */
export function nodePosition(parsed: ParsedIssue, text: MarkdownText, node: Node): Position {
  return textPosition(parsed, text, node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}
