import { DATE_PATTERN } from '../../issue/schema.js';
import type { FileRule } from '../types.js';
import { calendarProblem } from '../../diagnostics/date-as-written.js';

/**
 * The issue date is a real calendar date. The YYYY-MM-DD shape itself is
 * frontmatter-schema's business; this rule catches days that do not exist.
 *
 * ok:     `date: 2024-02-29`
 * not ok: `date: 2023-02-30` → Unexpected date `2023-02-30` (February 2023 has 28 days), expected a real calendar date
 * not ok: `date: 2023-13-01` → Unexpected date `2023-13-01` (there is no month 13), expected a real calendar date
 */
const rule: FileRule = {
  id: 'date-valid',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'The issue date is a real calendar date',
  check({ issue, parsed, report }) {
    const date = issue?.date;
    if (!date || !DATE_PATTERN.test(date)) return;
    const problem = calendarProblem(date);
    if (problem) {
      report({ message: `Unexpected date \`${date}\` (${problem}), expected a real calendar date`, position: parsed.locate(['date']) });
    }
  },
};
export default rule;
