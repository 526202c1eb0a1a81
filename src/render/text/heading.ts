import { plainStyle, type TextStyle } from './style.js';
import { displayWidth, indentLines, renderLine, wrapFragments, type Fragment } from './wrap.js';

/**
 * Headings, the setext way where Markdown has one: depth 1 is underlined
 * with `=`, depth 2 with `-` (as long as the heading's widest line), deeper
 * headings are prefixed with `###`… as in ATX Markdown.
 */
const UNDERLINES: Readonly<Record<number, string>> = { 1: '=', 2: '-' };

export function layoutHeading(fragments: readonly Fragment[], depth: number, width: number, style: TextStyle): string[] {
  const underline = UNDERLINES[depth];
  if (underline) {
    const lines = wrapFragments(fragments, width);
    if (lines.length === 0) return [];
    const underlineWidth = Math.max(...lines.map((line) => line.width));
    return [...lines.map((line) => renderLine(line, style)), style.decorate(underline.repeat(underlineWidth), { heading: depth, muted: true })];
  }
  const marker = `${'#'.repeat(depth)} `;
  const lines = wrapFragments(fragments, Math.max(1, width - displayWidth(marker))).map((line) => renderLine(line, style));
  return indentLines(lines, style.decorate(marker, { heading: depth, muted: true }), ' '.repeat(displayWidth(marker)));
}

/** A heading of plain text (a section name, a paper title), for the email template builder. */
export function formatHeading(text: string, depth: number, width: number, style: TextStyle = plainStyle): string {
  return layoutHeading([{ text, format: { heading: depth } }], depth, width, style).join('\n');
}
