import type { z } from 'zod';
import { misspeltKeyIssue } from '../diagnostics/did-you-mean.js';
import { valueAt } from '../diagnostics/value-at.js';
import { nonFiniteWords } from '../diagnostics/yaml-infinity.js';
import { dashHint } from '../diagnostics/yaml-typos.js';

/**
 * A schema problem of the config in the words the issue frontmatter's are
 * (issue/schema-messages.ts): the key, what was written there, and what to
 * write instead; zod's own words ("Too small: expected string to have >=1
 * characters") only for what no case below covers. A custom check (an
 * address, `baseUrl`) words its own message, key included. `written`: the
 * value's text in the file.
 */
export function schemaMessage(issue: z.core.$ZodIssue, path: readonly (string | number)[], received: unknown, written: string): string {
  const name = path.join('.');
  if (issue.code === 'custom') return issue.message;
  if (path.length === 0) return `Unexpected ${kindOf(received)} as the whole config, expected a mapping of keys such as \`name:\`, \`baseUrl:\`, \`from:\` and \`postalAddress:\``;
  if (received === undefined) return `Missing key \`${name}\`, expected ${issue.code === 'invalid_type' ? EXPECTED[issue.expected] ?? issue.expected : 'a value'}`;
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (received === null || typeof received !== 'object')) {
    return written.trim() === '' ? `Unexpected empty \`${name}\`, expected text` : `Unexpected ${kindOf(received)} \`${written}\` for \`${name}\`, expected text: quote it, as in \`${path.at(-1)}: "${written}"\``;
  }
  const shown = received !== null && typeof received === 'object' ? '' : ` \`${written}\``;
  if (nonFiniteWords(received) !== undefined) return `Unexpected number${shown} for \`${name}\`, ${nonFiniteWords(received)!}`;
  if (issue.code === 'invalid_type') return `Unexpected ${kindOf(received)}${shown} for \`${name}\`, expected ${EXPECTED[issue.expected] ?? issue.expected}${issue.expected === 'array' ? dashHint(written) : ''}`;
  if (issue.code === 'too_small' && typeof received === 'string') return `Unexpected empty \`${name}\`, expected text`;
  if (issue.code === 'too_small' && typeof received === 'number') return `Unexpected \`${name}\` value \`${written}\`, expected ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && typeof received === 'string') return `Unexpected \`${name}\` of ${received.length} characters, expected at most ${String(issue.maximum)}`;
  if (issue.code === 'too_big' && typeof received === 'number') return `Unexpected \`${name}\` value \`${written}\`, expected ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
  return `Unexpected value for \`${name}\`: ${issue.message}`;
}

/** What a type the schema expects is, in words. */
export const EXPECTED: Partial<Record<string, string>> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'a mapping of keys', array: 'a list' };

/** A value's kind in words: "text", "number", "list", "mapping", "null". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'text';
  return typeof value === 'object' ? 'mapping' : typeof value;
}

/**
 * The problem to report of those zod found: the first, unless it is a
 * missing key and the same mapping holds a key the config does not know
 * that is a near miss of it: the missing key misspelt (`postalAddres`,
 * `dkim.keySelectr`), which is what to fix; or a value over two maximums
 * of its key, told the lower: a whole number past 2^53 - 1 is over the
 * key's own (`send.concurrency` at most 100) too.
 */
export function firstToReport(issues: readonly z.core.$ZodIssue[], data: unknown): z.core.$ZodIssue {
  const first = issues[0]!;
  if (first.code === 'too_big') return lowestMaximum(first, issues);
  if (valueAt(data, first.path as (string | number)[]) !== undefined) return first;
  return misspeltKeyIssue(issues, first.path) ?? first;
}

/** Of the `too_big` issues at `first`'s path, the one with the lowest maximum. */
function lowestMaximum(first: z.core.$ZodIssue & { code: 'too_big' }, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  const at = first.path.join('\0');
  let lowest = first;
  for (const issue of issues) {
    if (issue.code === 'too_big' && issue.path.join('\0') === at && Number(issue.maximum) < Number(lowest.maximum)) lowest = issue;
  }
  return lowest;
}
