import { localPartProblem } from '../config/address.js';
import { asciiDomainName, endsInTopLevel } from '../config/domain-name.js';
import { codePointName } from '../diagnostics/code-point.js';
import { oneLine } from '../diagnostics/one-line.js';

/** A subscriber's standing; only `active` subscribers receive an issue. */
export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/**
 * Statuses an address never leaves through an import or `add`: the reader
 * left, or their mailbox refused or reported us. Mailing them again is what
 * gets a sender blocked (and, after an unsubscribe, breaks the law).
 */
export const SUPPRESSED_STATUSES: ReadonlySet<SubscriberStatus> = new Set(['unsubscribed', 'bounced', 'complained']);

export interface Subscriber {
  id: number;
  /** As given (its case kept); unique case-insensitively. */
  email: string;
  name: string;
  status: SubscriberStatus;
  /** Where consent came from: `cli`, `import:<file>`, `form`… */
  consentSource: string;
  /** ISO 8601 times (UTC). */
  consentAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, `<` and `>` included, so an address at most 254. */
const MAX_EMAIL_LENGTH = 254;

/** RFC 5321 §4.5.3.1.1: a local part (before the `@`) is at most 64 octets; a relay may refuse a longer one, and many do (501, 553). */
const MAX_LOCAL_PART = 64;

/**
 * What is wrong with an address, in terms its owner can act on: the
 * server words each for the public page (server/public-messages.ts),
 * where the technical `problem` would be jargon.
 */
export type AddressFault =
  | { kind: 'missing' | 'space' | 'no-at' | 'several-at' | 'no-local-part' | 'no-domain' | 'dots' }
  | { kind: 'too-long'; length: number; max: number }
  /** The part before the `@` over RFC 5321's 64 octets (`length` in octets: ASCII, one a character). */
  | { kind: 'local-too-long'; length: number; max: number }
  /** A bracket, quote, comma, semicolon, colon, backslash, control or format character (U+200B), or a leading apostrophe. */
  | { kind: 'character'; character: string }
  /** `no-top-level`: `reader@localhost`; `domain`: no domain name at all (`reader@exa_mple.org`). */
  | { kind: 'no-top-level' | 'domain'; domain: string }
  /** A local part beyond ASCII (`zoë.reader`), `character` its first such character. */
  | { kind: 'local-not-ascii'; local: string; character: string };

/** Characters no address here may hold besides spaces and `@`: RFC 5322's specials (quotes, brackets, `,;:`), a backslash, a control; as a regular expression's class, for `FORBIDDEN` and `ADDRESS_SHAPE` alike. */
const FORBIDDEN_CLASS = String.raw`<>()[\]\\,;:"\u0000-\u001f\u007f`;
const FORBIDDEN = new RegExp(`[${FORBIDDEN_CLASS}]`, 'u');
/** One `@` between a local part and a domain with a dot inside it, neither holding a space, an `@` or a `FORBIDDEN` character. */
const ADDRESS_SHAPE = new RegExp(`^[^\\s@${FORBIDDEN_CLASS}]+@[^\\s@${FORBIDDEN_CLASS}]+\\.[^\\s@${FORBIDDEN_CLASS}.][^\\s@${FORBIDDEN_CLASS}]*$`, 'u');

/**
 * Why `email` cannot be a subscriber's address, or undefined when it can.
 * Deliberately the shape check a mail relay makes (one `@`, a local part, a
 * dotted domain of letters, digits and hyphens, no spaces, brackets, quotes or controls), not RFC 5322's
 * full grammar: quoted local parts and comments are legal there but no
 * newsletter reader has one, and each is a way to smuggle text into a header.
 * A domain whose last label is all digits is refused (RFC 3696 §2: no
 * top-level domain is), and so is a local part beyond ASCII (`localPartProblem`: it needs SMTPUTF8),
 * and so are an invisible (format) character and a leading `'`; the
 * message names the address meant when one is there (`meantAddress`).
 */
export function emailProblem(email: string): string | undefined {
  return emailRefusal(email)?.problem;
}

/**
 * Why `email` is refused, twice: `problem`, one line for the editor
 * ("Unexpected email address `x`, expected …", as `emailProblem`), and
 * `fault`, what its owner can change; undefined when it is an address.
 */
export function emailRefusal(email: string): { fault: AddressFault; problem: string } | undefined {
  const refusal = addressRefusal(email);
  // A cell of a CSV may hold a line break: the message stays one line (`file:line:1  error  …`).
  return refusal === undefined ? undefined : { fault: refusal.fault, problem: oneLine(refusal.problem) };
}

/**
 * `refusalOf(email)`, its "expected" part naming the address the entry
 * most likely holds when there is one (`meantAddress`): what to write
 * instead, not a generic example.
 */
function addressRefusal(email: string): { fault: AddressFault; problem: string } | undefined {
  const refusal = refusalOf(email);
  if (refusal === undefined) return undefined;
  const meant = meantAddress(email);
  return meant === undefined ? refusal : { ...refusal, problem: refusal.problem.replace(GENERIC_EXPECTED, `expected the address alone, \`${meant}\``) };
}

const GENERIC_EXPECTED = /expected an address such as reader@example\.org$/;

/**
 * The address an entry refused most likely holds, when one is there and
 * is an address: what a mail client copies (`Ada Lovelace
 * <ada@example.org>`, `mailto:ada@example.org`), an address with the
 * punctuation of a list or a sentence about it (`ada@example.org;`,
 * `"ada@example.org"`), a spreadsheet's text mark (`'ada@example.org`), or
 * invisible characters pasted with it (a zero-width space, U+200B; any
 * Unicode format character, category Cf). Undefined when nothing of the
 * kind makes an address of it.
 */
function meantAddress(email: string): string | undefined {
  let value = email.replace(FORMAT_CHARACTER_ALL, '').replace(UNUSUAL_SPACE_ALL, '');
  value = /<([^<>]*)>\W*$/u.exec(value)?.[1] ?? value;
  value = value.replace(/^mailto:([^?]*)(?:\?.*)?$/isu, '$1');
  value = value.replace(/^[\s'"`;,.:([]+|[\s'"`;,.:)\]]+$/gu, '');
  return value !== email && refusalOf(value) === undefined ? value : undefined;
}

/**
 * A space other than the ASCII space, tab or a line break (a no-break
 * space, U+00A0, pasted from a web page or a word processor; a thin or an
 * ideographic space): shown as a plain space, it is named by its code point
 * instead, and left out of the address meant.
 */
const UNUSUAL_SPACE = /[^\S \t\n\r\u2028\u2029]/u;
const UNUSUAL_SPACE_ALL = /[^\S \t\n\r\u2028\u2029]/gu;

/** Unicode's format characters (category Cf): invisible, as zero-width spaces and joiners, direction marks, the BOM and soft hyphens are. */
const FORMAT_CHARACTER = /\p{Cf}/u;
const FORMAT_CHARACTER_ALL = /\p{Cf}/gu;

function refusalOf(email: string): { fault: AddressFault; problem: string } | undefined {
  if (email === '') return { fault: { kind: 'missing' }, problem: 'Missing email address' };
  const invisible = FORMAT_CHARACTER.exec(email)?.[0];
  if (invisible !== undefined) {
    const shown = email.replace(FORMAT_CHARACTER_ALL, (character) => `<${codePointName(character)}>`);
    return { fault: { kind: 'character', character: invisible }, problem: `Unexpected email address \`${shown}\` (it has the invisible character ${codePointName(invisible)}), expected an address such as reader@example.org` };
  }
  if (email.length > MAX_EMAIL_LENGTH) {
    return { fault: { kind: 'too-long', length: email.length, max: MAX_EMAIL_LENGTH }, problem: `Unexpected email address of ${email.length} characters, expected at most ${MAX_EMAIL_LENGTH} (RFC 5321 §4.5.3.1.3)` };
  }
  if (!ADDRESS_SHAPE.test(email)) {
    const { fault, reason } = shapeFault(email);
    const shown = email.replace(UNUSUAL_SPACE_ALL, (space) => `<${codePointName(space)}>`);
    return { fault, problem: `Unexpected email address \`${shown}\` (${reason}), expected an address such as reader@example.org` };
  }
  // Legal in a local part (RFC 5322 atext), but no mailbox provider gives one: a spreadsheet's mark that the cell is text.
  if (email.startsWith("'")) return { fault: { kind: 'character', character: "'" }, problem: `Unexpected email address \`${email}\` (it begins with \`'\`, a spreadsheet's mark for text), expected an address such as reader@example.org` };
  if (/\.\.|^\.|\.@|@\.|\.$/.test(email)) return { fault: { kind: 'dots' }, problem: `Unexpected email address \`${email}\` (an empty dot-separated part), expected an address such as reader@example.org` };
  // An internationalized domain is fine: nodemailer writes it as A-labels in To and RCPT TO.
  // The config's check of a domain (RFC 5321 §4.1.2, U-labels too): `ada@example.org|Lovelace`, a line of another delimiter, is no address.
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  const domainRead = asciiDomainName(domain);
  if ('problem' in domainRead) return { fault: { kind: 'domain', domain }, problem: `Unexpected email address \`${email}\`: its domain, \`${domain}\`: ${domainRead.problem}` };
  // No top-level domain is all digits (RFC 3696 §2): `reader@x.123` reaches no mailbox, and `reader@1.2.3.4` is an IP address
  // without the brackets of an address literal (`[1.2.3.4]`, refused above), as the config's `from` refuses both (config/address.ts).
  if (!endsInTopLevel(domainRead.ascii)) {
    const topLevel = domainRead.ascii.slice(domainRead.ascii.lastIndexOf('.') + 1);
    return { fault: { kind: 'no-top-level', domain }, problem: `Unexpected email address \`${email}\` (its domain \`${domain}\` ends in \`.${topLevel}\`, and no top-level domain is all digits), expected an address such as reader@example.org` };
  }
  const local = email.slice(0, at);
  const localProblem = localPartProblem(local);
  if (localProblem === undefined) return lengthRefusal(email, local, domainRead.ascii);
  // What a reader sees as one character: `ë` spelled `e` + U+0308 is shown whole, not as a lone accent.
  // eslint-disable-next-line no-control-regex
  const character = [...new Intl.Segmenter().segment(local)].find(({ segment }) => /[^\u0000-\u007f]/.test(segment))!.segment;
  return { fault: { kind: 'local-not-ascii', local, character }, problem: `Unexpected email address \`${email}\`: ${localProblem}` };
}

/**
 * Why an ASCII address a relay reads (`local@asciiDomain`) is too long for
 * it, or undefined: a local part over MAX_LOCAL_PART octets, or the whole
 * over MAX_EMAIL_LENGTH once its domain is written in A-labels (the form
 * RCPT TO carries: `bücher.example` is `xn--bcher-kva.example`, longer).
 */
function lengthRefusal(email: string, local: string, asciiDomain: string): { fault: AddressFault; problem: string } | undefined {
  if (local.length > MAX_LOCAL_PART) {
    return {
      fault: { kind: 'local-too-long', length: local.length, max: MAX_LOCAL_PART },
      problem: `Unexpected email address \`${email}\`: its part before the @ has ${local.length} characters, expected at most ${MAX_LOCAL_PART} (RFC 5321 §4.5.3.1.1: mail servers may refuse a longer one)`,
    };
  }
  const length = local.length + 1 + asciiDomain.length;
  if (length <= MAX_EMAIL_LENGTH) return undefined;
  return {
    fault: { kind: 'too-long', length, max: MAX_EMAIL_LENGTH },
    problem: `Unexpected email address \`${email}\` of ${length} characters with its domain as mail servers read it (\`${asciiDomain}\`), expected at most ${MAX_EMAIL_LENGTH} (RFC 5321 §4.5.3.1.3)`,
  };
}

/**
 * What is wrong with an address the shape check refused: the first of a
 * space, a forbidden character, the `@`s, an empty side, a domain without
 * its top-level part; and `reason`, that in a few words for the editor's
 * message (`subscribers add`, an import's bad row, `send --test`): which of
 * a thousand addresses is wrong is plain from the line, why not always
 * (`dave@example` lacks its ending, `ok@exa mple.org` has a space).
 */
function shapeFault(email: string): { fault: AddressFault; reason: string } {
  // A cell's quoted line break (shown ⏎ once the message is one line) is no space to look for.
  const unusual = UNUSUAL_SPACE.exec(email)?.[0];
  if (/\s/u.test(email)) return { fault: { kind: 'space' }, reason: /[\n\r\u2028\u2029]/u.test(email) ? 'it has a line break' : /\t/.test(email) ? 'it has a tab' : unusual !== undefined ? `it has the space character ${codePointName(unusual)}` : 'it has a space' };
  const character = FORBIDDEN.exec(email)?.[0];
  // eslint-disable-next-line no-control-regex
  if (character !== undefined) return { fault: { kind: 'character', character }, reason: /^[\u0000-\u001f\u007f]$/.test(character) ? 'it has a control character' : `it has \`${character}\`` };
  const [local, domain, ...more] = email.split('@');
  if (domain === undefined) return { fault: { kind: 'no-at' }, reason: 'it has no @' };
  if (more.length > 0) return { fault: { kind: 'several-at' }, reason: 'it has more than one @' };
  if (local === '') return { fault: { kind: 'no-local-part' }, reason: 'nothing is before the @' };
  if (domain === '') return { fault: { kind: 'no-domain' }, reason: 'nothing is after the @' };
  return { fault: { kind: 'no-top-level', domain }, reason: `its domain \`${domain}\` has no ending such as .org` };
}

/** Characters of a display name: far beyond any person's, short of a header line's 998 octets (RFC 5322 2.1.1). */
const MAX_NAME_LENGTH = 200;

/** Why a display name cannot be stored, or undefined: the one limit of `subscribers add`, import and the form. Characters are code points: an emoji is one, not its two UTF-16 units. */
export function nameProblem(name: string): string | undefined {
  return nameRefusal(name)?.problem;
}

/** `nameProblem` with the name's length and the limit, in characters, for a message of its own (the public page's). */
export function nameRefusal(name: string): { length: number; max: number; problem: string } | undefined {
  const length = [...name].length;
  return length > MAX_NAME_LENGTH ? { length, max: MAX_NAME_LENGTH, problem: `Unexpected name of ${length} characters, expected at most ${MAX_NAME_LENGTH}` } : undefined;
}

/**
 * A display name may not carry line breaks or controls into a header or a
 * CSV, nor a lone surrogate (a JSON `"\ud800"`), which UTF-8 cannot encode:
 * SQLite stored its bytes as they came, and every export then showed three
 * U+FFFD. It becomes one U+FFFD, as a UTF-8 decoder shows it. Controls are
 * C0, DEL and C1 (U+0080–U+009F: a terminal reads U+009B as CSI, as it
 * reads ESC `[`, so a form's name would reach `subscribers list`'s
 * terminal as a command), as diagnostics/control-characters.ts counts them.
 * Invisible format characters (`INVISIBLE_FORMAT`: a bidirectional
 * override, a zero-width space) are removed.
 */
export function cleanName(name: string): string {
  return name.replace(LONE_SURROGATE, '\ufffd').replace(INVISIBLE_FORMAT, '').replace(CONTROLS, ' ').trim();
}

/** Line breaks and controls, which a name stores as a space. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * The invisible format characters (Unicode's general category Cf) a name
 * loses in `cleanName`: the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069, UAX #9), with which a name shows
 * reversed, or reverses what follows it, in a From or To header, a list or
 * a terminal (`\u202Eevil` shows as `live`); the marks LRM, RLM and ALM;
 * and those that show nothing at all (soft hyphen, zero-width space, word
 * joiner, the invisible operators, the Mongolian vowel separator, a
 * byte-order mark, the interlinear annotation marks). ZWJ and ZWNJ stay:
 * Persian, the Indic scripts and emoji sequences are written with them.
 */
const INVISIBLE_FORMAT = /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * What `cleanName` changes in `name`, for a message: the first invisible
 * format character it removes (one code point) and whether it is a
 * bidirectional control; whether it stores line breaks or controls as
 * spaces.
 */
export function nameCleaning(name: string): { invisible: string | undefined; bidi: boolean; spaced: boolean } {
  const invisible = name.match(INVISIBLE_FORMAT)?.[0];
  return { invisible, bidi: invisible !== undefined && /[\u202a-\u202e\u2066-\u2069]/.test(invisible), spaced: name.search(CONTROLS) !== -1 };
}

/** A high surrogate not followed by a low one, or a low one not after a high one (UTF-16 code units). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
