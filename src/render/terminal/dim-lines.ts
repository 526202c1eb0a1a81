import { cutText, wrapText, type TextStyle } from '../text/index.js';

/**
 * Secondary plain text (metadata, thanks, a paper's URL) wrapped to `width`,
 * each line dimmed on its own; a word wider than the width (a long URL) is
 * cut over lines, every character kept, as the terminal's tables cut one.
 */
export function dimLines(text: string, width: number, style: TextStyle): string[] {
  if (text === '') return [];
  return wrapText(text, width)
    .split('\n')
    .flatMap((line) => cutText(line, width))
    .map((line) => style.decorate(line, { muted: true }));
}
