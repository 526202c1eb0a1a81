import { isScalar, Scalar } from 'yaml';
import { scalarOffsetMap } from '../../issue/scalar-offsets.js';
import type { FileRule, Report } from '../types.js';

/**
 * A written `subject` that names the issue's number names the right one.
 * The subject is sent and titles the issue in the feeds as written, so an
 * issue renumbered (3 became 2) keeps saying "#3" there while its page says
 * "#2". `number` is the truth (docs/issue-format.md), so the fix writes it.
 *
 * Only a number in the place a newsletter puts its issue number counts, to
 * leave titles alone ("The #1 paper", "Top 10: …"): at the start, perhaps
 * after the newsletter's name or in brackets, and followed by a separator
 * (`#3:`, `[#3]`, `Issue 3 —`, `No. 3 |`, `Digest #3:`), or at the end
 * after one (`… (#3)`, `… — #3`). It is written `#3`, `No. 3`, `Nr. 3`,
 * `№ 3`, `Issue 3` or `Issue #3`. A default subject is always right.
 *
 * ok:     `number: 2` with `subject: "#2: Evals for extreme risks"`, or `subject: "The #1 paper of 2023"`
 * not ok: `number: 2` with `subject: "#3: Evals for extreme risks"` → Unexpected issue number `#3` in the subject, expected `#2` (`number: 2`): the subject is sent and titles the issue in the feeds as written (fix)
 */
const rule: FileRule = {
  id: 'subject-number',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'A `subject` that names an issue number (`#3: …`, `Issue 3 —`, `… (#3)`) names the issue\'s own `number`',
  inputs: { config: ['name'] },
  check({ issue, parsed, config, report }) {
    const node = parsed.document?.get('subject', true);
    // A `number` the schema refuses is read as 0, no number (issue/parse.ts): frontmatter-schema says so, and there is no number to write.
    if (!issue || !isScalar(node) || typeof node.value !== 'string' || !Number.isSafeInteger(issue.number) || issue.number < 1) return;
    const named = issueNumberIn(node.value, config.name);
    if (!named || Number(named.digits) === issue.number) return;
    const expected = String(issue.number).padStart(named.digits.length, '0');
    const offset = parsed.frontmatterOffset;
    const yaml = parsed.source.text.slice(offset);
    const toYaml = scalarOffsetMap(node, yaml);
    const start = toYaml(named.start);
    const end = toYaml(named.start + named.digits.length - 1) + 1;
    // The digits as written in the file (no escape), placed exactly; the edit replaces them and nothing else on a one-line value (a block's lines are its own).
    const placed = yaml.slice(start, end) === named.digits;
    const written = `${named.marker}${named.digits}`;
    const fix: Report['fix'] = placed && ONE_LINE.has(node.type!) ? { range: [offset + start, offset + end], text: expected } : undefined;
    report({
      message: `Unexpected issue number \`${written}\` in the subject, expected \`${named.marker}${expected}\` (\`number: ${issue.number}\`): the subject is sent and titles the issue in the feeds as written`,
      position: placed ? parsed.lines.position(offset + toYaml(named.start - named.marker.length), offset + end) : parsed.locate(['subject']),
      fix,
    });
  },
};
export default rule;

/** Scalars a fix may edit in place: the one-line ones (a block's lines are its own). */
const ONE_LINE = new Set<Scalar['type']>(['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE']);

/** How an issue number is written: `#3`, `No. 3`, `Nr. 3`, `№ 3`, `Nº 3`, `Issue 3`, `Issue #3`, `Issue No. 3`. */
const MARKER = String.raw`(?:#|(?:No|Nr)\.\s?|(?:№|Nº)\s?|Issue\s+(?:#|No\.\s?)?)`;
/** What separates an issue number from the subject's words. */
const SEPARATOR = String.raw`[:|·\-–—]`;
/** A number at the start (after the newsletter's name, when the subject starts with it), followed by a separator or closing bracket. */
const LEADING = new RegExp(String.raw`^[\s:|·\-–—]*[[(]?(${MARKER})(\d+)(?=\s*(?:${SEPARATOR}|[\])]|$))`, 'iu');
/** A number at the end, in brackets or after a separator. */
const TRAILING = new RegExp(String.raw`(?:^|\s)(?:[[(](${MARKER})(\d+)[\])]|${SEPARATOR}\s*(${MARKER})(\d+))\s*$`, 'iu');

/** An issue number as a subject writes it: its marker (`#`, `Issue `) and digits, and the UTF-16 offset of the digits in the subject. */
interface NamedNumber {
  marker: string;
  digits: string;
  start: number;
}

/** The issue number a subject names where it names one (see the rule's doc); undefined when no number stands in such a place. */
function issueNumberIn(subject: string, newsletterName: string): NamedNumber | undefined {
  for (const from of [0, ...afterName(subject, newsletterName)]) {
    const match = LEADING.exec(subject.slice(from));
    if (match) return named(match, from);
  }
  const match = TRAILING.exec(subject);
  return match ? named(match, 0) : undefined;
}

/** The offset after the newsletter's name when the subject starts with it (any case), as `[offset]`; else `[]`. */
function afterName(subject: string, newsletterName: string): number[] {
  const indented = subject.length - subject.trimStart().length;
  const name = newsletterName.trim();
  return name !== '' && subject.slice(indented, indented + name.length).toLowerCase() === name.toLowerCase() ? [indented + name.length] : [];
}

/** A LEADING or TRAILING match of `subject.slice(from)` as the number it names. */
function named(match: RegExpExecArray, from: number): NamedNumber {
  const marker = match[1] ?? match[3]!;
  const digits = match[2] ?? match[4]!;
  return { marker, digits, start: from + match.index + match[0].lastIndexOf(`${marker}${digits}`) + marker.length };
}
