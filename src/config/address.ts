import addressparser from 'nodemailer/lib/addressparser';
import { codePointName } from '../diagnostics/code-point.js';
import { asciiDomainName, endsInTopLevel } from './domain-name.js';

/** One RFC 5322 mailbox: `"Digest (Paris), weekly" <digest@example.org>` is `{ name: 'Digest (Paris), weekly', address: 'digest@example.org' }`. */
export interface Mailbox {
  /** The display name, unquoted; empty when there is none. */
  name: string;
  address: string;
}

/**
 * The longest word a header keeps as it is. nodemailer folds a header line
 * only between words (and writes an ASCII display name as one quoted
 * string), so a longer word could make a line no fold brings under RFC
 * 5322's 998 octets; 76 is the line length nodemailer folds to.
 */
export const MAX_HEADER_WORD = 76;

/** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets, `<` and `>` included. */
const MAX_ADDRESS = 254;

/** RFC 5321 §4.5.3.1.1: a local part holds at most 64 octets. */
const MAX_LOCAL = 64;

/** The example a problem offers when the value itself gives nothing better. */
const EXAMPLE = '"Example Newsletter" <news@example.org>';

/** RFC 5322 §3.2.3 dot-atom: `atext` runs joined by single dots (no quoted local parts: no newsletter has one). */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

type Reading = { mailbox: Mailbox } | { problem: string };

/**
 * Reads one mailbox with nodemailer's own address parser (the one that will
 * write the header), and refuses what it would silently change or send
 * wrong: no address at all (`The Alignment Digest`), several, a group, an
 * address that is not `local@domain`, a local part beyond ASCII (see
 * `localPartProblem`), a display name holding `=?` (see `displayNameProblem`),
 * or an unquoted display name whose parentheses (a comment in RFC 5322) or
 * commas the parser would drop or split (`Digest (Paris), weekly <a@b.org>`
 * would be sent as "Digest, weekly"). An internationalized domain is kept
 * as its A-labels (`exämple.org` → `xn--exmple-cua.org`, RFC 5890), the
 * form every header, `mailto:` and SMTP command can carry.
 *
 * A problem offers a corrected value only when that value is itself read
 * without a problem.
 *
 * @param key the config key, named in the problem (`from`)
 * @returns the mailbox, or the problem as "Unexpected X for `key`, expected Y"
 */
export function parseMailbox(value: string, key: string): Reading {
  return readMailbox(value, key, (candidate) => ('mailbox' in readMailbox(candidate, key, () => undefined) ? candidate : undefined));
}

function readMailbox(value: string, key: string, offer: (candidate: string) => string | undefined): Reading {
  const shown = `\`${value}\` for \`${key}\``;
  const parsed = addressparser(value);
  const only = parsed[0];
  const written = writtenParts(value);
  if (parsed.length !== 1 || only === undefined || 'group' in only || (value.includes('<') && written === undefined)) {
    return { problem: `Unexpected ${shown}, expected one address such as \`${EXAMPLE}\`` };
  }
  // What the editor wrote as the address: inside the brackets, or the whole value.
  const addressText = written?.address ?? (value.includes('@') ? value : '');
  if (!addressText.includes('@')) {
    const name = (written?.name ?? value).replace(/["\\]/g, '').trim();
    const named = name === '' ? undefined : offer(`"${name}" <news@example.org>`);
    return { problem: `Unexpected ${shown}, expected an email address such as \`${named ?? EXAMPLE}\`` };
  }
  const address = asciiAddress(addressText, key);
  if ('problem' in address) return address;
  const { name } = only;
  const nameProblem = displayNameProblem(written?.name ?? name, key);
  if (nameProblem !== undefined) return { problem: nameProblem };
  if (written !== undefined && collapse(written.name) !== collapse(name)) {
    const quoted = `"${written.name.replace(/["\\]/g, '\\$&')}" <${addressText}>`;
    const fix = offer(quoted);
    return { problem: `Unexpected unquoted display name \`${written.name}\` for \`${key}\` (mail programs would show \`${name}\`), expected it in double quotes${fix === undefined ? '' : `: \`${fix}\``}` };
  }
  return { mailbox: { name, address: address.ascii } };
}

/**
 * The address as headers carry it, its domain in A-labels, or why it is not
 * one `local@domain` address: the problem for `key`.
 */
function asciiAddress(address: string, key: string): { ascii: string } | { problem: string } {
  const unexpected = `Unexpected \`${address}\` for \`${key}\``;
  if (addressparser(address).length > 1) return { problem: `${unexpected}, expected one address such as \`news@example.org\`` };
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const localProblem = localPartProblem(local);
  if (localProblem !== undefined) return { problem: `${unexpected}: ${localProblem}` };
  if (/^\.|\.$|\.\./.test(local)) {
    return { problem: `${unexpected}: its part before the @, \`${local}\`, starts or ends with a dot or has two in a row, expected dots only between other characters, such as \`news.desk@example.org\`` };
  }
  if (!DOT_ATOM.test(local)) {
    return { problem: `${unexpected}, expected one \`@\` between a local part of letters, digits and dots and a domain, such as \`news@example.org\`` };
  }
  if (local.length > MAX_LOCAL) {
    return { problem: `${unexpected}: its part before the @ has ${local.length} characters, expected at most ${MAX_LOCAL} (RFC 5321 §4.5.3.1.1: mail servers may refuse a longer one)` };
  }
  const domain = asciiDomainName(address.slice(at + 1));
  if ('problem' in domain) return { problem: `Unexpected domain \`${address.slice(at + 1)}\` in \`${address}\` for \`${key}\`: ${domain.problem}` };
  // Mail reaches a domain with a top-level label, which is never all digits (RFC 3696 §2): `news@example` or `news@1.2.3.4` is no address mail is sent from.
  if (!endsInTopLevel(domain.ascii)) {
    return { problem: `Unexpected domain \`${address.slice(at + 1)}\` in \`${address}\` for \`${key}\`, expected a domain name with its top-level part, such as \`example.org\`` };
  }
  const ascii = `${local}@${domain.ascii}`;
  if (ascii.length > MAX_ADDRESS) return { problem: `Unexpected address of ${ascii.length} characters for \`${key}\`, expected at most ${MAX_ADDRESS} (RFC 5321 §4.5.3.1.3, its domain counted as mail servers read it)` };
  return { ascii };
}

/**
 * Why a local part (before the `@`) cannot be sent, or undefined: one
 * beyond ASCII (`dö@example.org`) needs SMTPUTF8 (RFC 6531) from every
 * server on the way and UTF-8 headers (RFC 6532); nodemailer sends it
 * whether the relay offers SMTPUTF8 or not, and a server without it
 * refuses or mangles the message. An internationalized domain has an ASCII
 * form (A-labels); a local part has none.
 */
export function localPartProblem(local: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(local)) return undefined;
  return `its part before the @, \`${local}\`, is not ASCII, expected ASCII letters, digits and punctuation there: such an address needs SMTPUTF8 (RFC 6531) on every mail server on its way, which paperboy cannot count on`;
}

/**
 * Why a display name cannot be written so that mail programs show it, or
 * undefined: a control character (a line break, a tab), a word too long
 * for any header line, or `=?`, which mail programs decode as an RFC 2047
 * encoded word (`"=?UTF-8?B?SGk=?="` shows as "Hi"), quotes or not;
 * nodemailer writes an ASCII name as a quoted string, where an encoded
 * word of our own is not allowed (RFC 2047 §5).
 */
function displayNameProblem(name: string, key: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(name)?.[0];
  if (control !== undefined) {
    return `Unexpected control character ${codePointName(control)} in the display name of \`${key}\`, expected printable text: a header has no place for it`;
  }
  if (name.includes('=?')) {
    return `Unexpected \`=?\` in the display name \`${name}\` of \`${key}\`, expected a name without it: mail programs read \`=?…?=\` as an encoded word (RFC 2047) and would show other text`;
  }
  const longest = Math.max(0, ...name.split(/\s+/).map((word: string) => word.length));
  if (longest > MAX_HEADER_WORD) {
    return `Unexpected word of ${longest} characters in the display name of \`${key}\`, expected at most ${MAX_HEADER_WORD} (a header line cannot be folded inside a word)`;
  }
  return undefined;
}

/** `Name <address>`, or the address alone: how the terminal preview shows a sender. */
export function formatMailbox(mailbox: Mailbox): string {
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}

/** The display name and the address as written around `<address>` at the end, the name unquoted; undefined without one pair of angle brackets there. */
function writtenParts(value: string): { name: string; address: string } | undefined {
  // A quoted name may hold brackets (`"News <weekly>" <a@b.org>`).
  const match = /^("(?:[^"\\]|\\.)*"\s*|[^<>]*)<([^<>]*)>\s*$/.exec(value);
  if (match === null) return undefined;
  const phrase = match[1]!.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(phrase);
  return { name: quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : phrase, address: match[2]!.trim() };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The key an address is unique under: one key per mailbox a message can
 * reach, so two spellings of one address are one subscriber. The local
 * part in Unicode NFC and lower case (what every mailbox provider does in
 * practice); the domain as the A-labels nodemailer sends it as (UTS #46
 * mapping through `asciiDomainName`, RFC 5891), lower case, so
 * `leser@bücher.example`, its decomposed `u` + U+0308 spelling,
 * `LESER@XN--BCHER-KVA.EXAMPLE` and a full-width `ｅxample.org` are each
 * one key. A domain with no A-label form is kept as written, lower case.
 * Changing this function changes every stored key: it needs a migration
 * that recomputes them (see ../store/migrations.ts).
 */
export function emailKey(email: string): string {
  const address = email.trim();
  const at = address.lastIndexOf('@');
  if (at < 0) return address.normalize('NFC').toLowerCase();
  const domain = address.slice(at + 1);
  const ascii = asciiDomainName(domain);
  return `${address.slice(0, at).normalize('NFC').toLowerCase()}@${('ascii' in ascii ? ascii.ascii : domain.normalize('NFC')).toLowerCase()}`;
}
