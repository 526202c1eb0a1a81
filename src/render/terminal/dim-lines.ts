import { wrapText, type TextStyle } from '../text/index.js';

/** Secondary plain text (metadata, thanks, a paper's URL) wrapped to `width`, each line dimmed on its own. */
export function dimLines(text: string, width: number, style: TextStyle): string[] {
  if (text === '') return [];
  return wrapText(text, width)
    .split('\n')
    .map((line) => style.decorate(line, { muted: true }));
}
