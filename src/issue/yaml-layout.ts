import { siblingKeyLine, type KeyFormat } from '../diagnostics/yaml-key-indent.js';
import { isPlainlyIndented, type LayoutLine } from '../diagnostics/yaml-layout.js';
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

export const isKnownKey = (key: string | undefined) => key !== undefined && KNOWN_KEYS.has(key);

/** The issue format's keys, and the words for a paper's (diagnostics/yaml-key-indent.ts). */
export const ISSUE_KEY_FORMAT: KeyFormat = {
  isKnownKey,
  itemKeys: (key) => (key === 'papers' ? "the paper's other keys" : undefined),
};
