import { z } from 'zod';
import { wordsOver } from '../../issue/words.js';
import type { FileRule } from '../types.js';

const DEFAULT_MAX_WORDS = 300;

/** `lint.rules: { summary-max-words: [warn, 250] }`, or `[warn, {max: 250}]`: the maximum. */
const options = z
  .union([z.number().int().positive(), z.strictObject({ max: z.number().int().positive() })])
  .transform((value) => (typeof value === 'number' ? value : value.max));

/**
 * A summary stays short enough to read in an email. Words are counted in the
 * text a reader sees (link URLs and Markdown syntax do not count), as the
 * preview counts them (Unicode word segments: CJK text counts its words).
 *
 * ok:     a summary of 120 words
 * not ok: a summary of 412 words → Unexpected summary of 412 words, expected at most 300
 */
const rule: FileRule<number> = {
  id: 'summary-max-words',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: `Each summary is at most ${DEFAULT_MAX_WORDS} words (configurable)`,
  options,
  optionsExpected: 'the most words a summary may have, a whole number such as `250` (or `{ max: 250 }`)',
  check({ issue, options: max = DEFAULT_MAX_WORDS, parsed, report }) {
    for (const paper of issue?.papers ?? []) {
      const words = wordsOver(paper.summary.tree, max);
      if (words === undefined) continue;
      report({
        message: `Unexpected summary of ${words} words, expected at most ${max}`,
        position: parsed.locate(['papers', paper.index, 'summary'], 'key'),
      });
    }
  },
};
export default rule;
