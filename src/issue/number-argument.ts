import { PaperboyError } from '../errors.js';

/**
 * The largest issue number: 2^53 − 1, the largest integer a JavaScript
 * number holds exactly, and the bound the frontmatter schema's
 * `z.number().int()` sets (zod 4 keeps an integer safe; issue/schema.ts,
 * docs/issue-format.md). A larger one would be read as a neighbour
 * (`99999999999999999999` as 100000000000000000000).
 */
export const MAX_ISSUE_NUMBER = Number.MAX_SAFE_INTEGER;

/**
 * The number an ISSUE argument written as digits names (`42`, `0042`, as
 * a file name writes it). Throws USAGE (exit 2), the argument quoted as
 * typed, for 0 or a number past `MAX_ISSUE_NUMBER`: no issue can have it.
 */
export function issueNumberArgument(digits: string): number {
  const number = Number(digits);
  if (number >= 1 && number <= MAX_ISSUE_NUMBER) return number;
  const bound = number < 1 ? 'expected 1 or more' : `expected at most ${MAX_ISSUE_NUMBER}`;
  throw new PaperboyError('USAGE', `Unexpected issue number \`${digits}\`, ${bound}: an issue's \`number\` is a whole number from 1 to ${MAX_ISSUE_NUMBER}`);
}
