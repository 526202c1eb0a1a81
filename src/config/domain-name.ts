import { domainToASCII } from 'node:url';
import { codePointName } from '../diagnostics/code-point.js';

/**
 * RFC 5321 §4.1.2 `sub-domain`: a letter or digit at both ends, letters,
 * digits and hyphens between. The `Domain` of a mail address is such
 * labels joined by dots, and RFC 6376 §3.1 makes a DKIM selector the same.
 */
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** RFC 1035 §2.3.4: 63 octets a label, 255 a name on the wire, so 253 as text. */
const MAX_LABEL = 63;
const MAX_NAME = 253;

/**
 * `name` as a domain name of ASCII labels, an internationalized one (RFC
 * 5890: `exämple.org`) as its A-labels (`xn--exmple-cua.org`, node's
 * `domainToASCII`), which is what a header, an SMTP command and a DNS
 * lookup carry when the server offers no SMTPUTF8. An ASCII name is kept
 * as written.
 *
 * @returns the ASCII name, or why it is not one, worded to follow "Unexpected `name`: "
 */
export function asciiDomainName(name: string): { ascii: string } | { problem: string } {
  if (name === '') return { problem: 'it is empty, expected a name such as `example.org`' };
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\u0000-\u007f]*$/.test(name) ? name : domainToASCII(name);
  if (ascii === '') return { problem: 'it is not a domain name an internationalized name can be converted from (RFC 5891), expected letters, digits, hyphens and dots' };
  // An A-label written out (`xn--…`) must decode to a label IDNA allows (RFC 5890 §2.3.2.1): `example.xn--org` names no domain a
  // DNS can hold, and mail to it would wait a day on lookups that fail. node's conversion checks the decoding, as above.
  const aLabel = ascii.split('.').find((label) => /^xn--/i.test(label));
  if (aLabel !== undefined && domainToASCII(ascii) === '') {
    return { problem: `its label \`${aLabel}\` starts with xn-- but is no internationalized label's ASCII form (an A-label, RFC 5890), expected one converted from a name such as \`exämple.org\` (\`xn--exmple-cua.org\`)` };
  }
  const problem = labelsProblem(ascii);
  return problem === undefined ? { ascii } : { problem };
}

function labelsProblem(name: string): string | undefined {
  if (name.length > MAX_NAME) return `it has ${name.length} characters, expected at most ${MAX_NAME} (RFC 1035)`;
  for (const label of name.split('.')) {
    if (label === '') return 'it has an empty label (two dots in a row, or a dot at an end), expected labels joined by single dots, such as `example.org`';
    if (label.length > MAX_LABEL) return `its label \`${label.slice(0, 20)}…\` has ${label.length} characters, expected at most ${MAX_LABEL} (RFC 1035)`;
    if (LABEL.test(label)) continue;
    const odd = /[^a-z0-9-]/i.exec(label)?.[0];
    return odd === undefined
      ? `its label \`${label}\` starts or ends with a hyphen, expected a letter or digit at both ends (RFC 5321 §4.1.2)`
      : `it holds ${shownCharacter(odd)}, expected letters, digits, hyphens and dots (RFC 5321 §4.1.2)`;
  }
  return undefined;
}

/** A character as a message can show it: `_` in backticks, a space or a control by its code point (U+000D). */
function shownCharacter(character: string): string {
  return /^[!-~]$/.test(character) ? `\`${character}\`` : character === ' ' ? 'a space' : codePointName(character);
}

/**
 * Whether `ascii` (a domain name as `asciiDomainName` gives it) ends in a
 * top-level label, as every domain mail reaches does: after a dot, and not
 * all digits (RFC 3696 §2: no top-level domain is; `1.2.3.4` is an IP
 * address, `x.123` no domain). `example.org` yes; `example`, `x.123` no.
 */
export function endsInTopLevel(ascii: string): boolean {
  return /\.[^.]*[^\d.][^.]*$/.test(ascii);
}
