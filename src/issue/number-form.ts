/**
 * How an issue number may be written: plain decimal digits, as in
 * `number: 42`. YAML 1.2 reads `1e3` as 1000, `0x10` as 16, `0o10` as 8,
 * `007` as 7, `+5` and `5.0` as 5, and the issue would be published under
 * a number its file does not show (`/issues/1000/`, and a gap for
 * issue-number-sequence to warn about, in the number YAML made of it).
 */
const DIGITS = /^[1-9][0-9]*$/;

/** What sets a written number apart from plain digits, in the order a reader would notice it. */
const FORMS: readonly (readonly [RegExp, string])[] = [
  [/^0x/, 'a hexadecimal number'],
  [/^0o/, 'an octal number'],
  [/e/i, 'an exponent'],
  [/\./, 'a decimal point'],
  [/^[+-]/, 'a sign'],
  [/^0/, 'a leading zero'],
];

/**
 * The message for an issue number written otherwise than as plain digits,
 * or undefined when it is plain digits. `written` is the plain scalar's
 * source (undefined for a quoted value, which the schema reports as text),
 * `value` what YAML read: only a number the schema accepts (a whole
 * number from 1 to Number.MAX_SAFE_INTEGER) is checked here, so that every
 * other mistake keeps the schema's one message and the digits suggested
 * are a number the issue may have (`1e21` is a whole number to JavaScript,
 * but printed as `1e+21`, which is no digits to write).
 */
export function numberFormProblem(written: string | undefined, value: unknown): string | undefined {
  if (written === undefined || typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || DIGITS.test(written)) return undefined;
  const form = FORMS.find(([pattern]) => pattern.test(written))?.[1] ?? 'not plain digits';
  return `Unexpected \`number\` written as \`${written}\` (${form}), expected plain digits: \`number: ${value}\``;
}
