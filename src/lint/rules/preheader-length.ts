import type { FileRule } from '../types.js';
import { counted } from '../../render/format.js';

/** Shorter leaves room for the email's first words in the preview; longer is cut off. */
const MIN_PREHEADER = 40;
const MAX_PREHEADER = 130;

/**
 * The preheader (the inbox preview text) fills the preview line without being
 * cut off. Only checked when the issue has one.
 *
 * ok:     `preheader: Adding a vector beats fine-tuning; smooth metrics hide jumps`
 * not ok: `preheader: New papers` → Unexpected preheader of 10 characters, expected 40 to 130
 */
const rule: FileRule = {
  id: 'preheader-length',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: `The preheader is ${MIN_PREHEADER} to ${MAX_PREHEADER} characters`,
  check({ issue, parsed, report }) {
    if (issue?.preheader === undefined) return;
    const length = [...issue.preheader].length;
    if (length >= MIN_PREHEADER && length <= MAX_PREHEADER) return;
    report({
      message: `Unexpected preheader of ${counted(length, 'character')}, expected ${MIN_PREHEADER} to ${MAX_PREHEADER}`,
      position: parsed.locate(['preheader']),
    });
  },
};
export default rule;
