import type { KeyFormat } from '../diagnostics/yaml-key-indent.js';
import { ISSUE_KEYS, PAPER_KEYS } from './schema.js';

/*
 * Readings of the frontmatter's lines (laid out by diagnostics/yaml-layout.ts)
 * that know the issue format: its keys, its lists (`papers`, `authors`).
 */

const KNOWN_KEYS = new Set([...ISSUE_KEYS, ...PAPER_KEYS]);

export const isKnownKey = (key: string | undefined) => key !== undefined && KNOWN_KEYS.has(key);

/** The issue format's keys, and the words for a paper's (diagnostics/yaml-key-indent.ts). */
export const ISSUE_KEY_FORMAT: KeyFormat = {
  isKnownKey,
  itemKeys: (key) => (key === 'papers' ? "the paper's other keys" : undefined),
};
