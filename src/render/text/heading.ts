import { balanceIsolates } from '../bidi.js';
import { plainStyle, type TextStyle } from './style.js';
import { renderLine, wrapFragments, type Fragment } from './wrap.js';

/**
 * Headings underlined, one character per level, as long as the heading's
 * widest line: `=` for depth 1 and `-` for depth 2 (Markdown's setext
 * headings), `~` for 3 and `.` deeper (reStructuredText's usual order), so a
 * subsection never reads as raw Markdown (`### Interpretability`).
 */
const UNDERLINES: readonly string[] = ['=', '-', '~', '.'];

export function layoutHeading(fragments: readonly Fragment[], depth: number, width: number, style: TextStyle): string[] {
  const underline = UNDERLINES[Math.min(depth, UNDERLINES.length) - 1] ?? '=';
  const lines = wrapFragments(fragments, width, style.cutsWords);
  if (lines.length === 0) return [];
  const underlineWidth = Math.max(...lines.map((line) => line.width));
  return [...balanceIsolates(lines.map((line) => renderLine(line, style))), style.decorate(underline.repeat(underlineWidth), { heading: depth, muted: true })];
}

/** A heading of plain text (a section name, a paper title), for the email template builder. */
export function formatHeading(text: string, depth: number, width: number, style: TextStyle = plainStyle): string {
  return layoutHeading([{ text, format: { heading: depth } }], depth, width, style).join('\n');
}
