import type { FileRule } from '../types.js';

/** Inbox lists cut subjects at about 78 characters (RFC 5322's advised line length). */
const MAX_SUBJECT = 78;

/**
 * The email subject fits in an inbox list. Without a `subject` the default
 * `#<number>: <title>` is checked, and the message points at the title.
 *
 * ok:     `subject: "#42: Steering vectors and emergence mirages"`
 * not ok: a subject of 85 characters → Unexpected subject of 85 characters, expected at most 78
 */
const rule: FileRule = {
  id: 'subject-length',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: `The email subject is at most ${MAX_SUBJECT} characters`,
  check({ issue, parsed, report }) {
    if (!issue) return;
    const length = [...issue.subject].length;
    if (length <= MAX_SUBJECT) return;
    const written = typeof parsed.document?.get('subject') === 'string';
    report({
      message: written
        ? `Unexpected subject of ${length} characters, expected at most ${MAX_SUBJECT}`
        : `Unexpected default subject \`${issue.subject}\` of ${length} characters, expected at most ${MAX_SUBJECT} (shorten the title or set \`subject\`)`,
      position: parsed.locate([written ? 'subject' : 'title']),
    });
  },
};
export default rule;
