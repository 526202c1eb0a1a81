import addressparser from 'nodemailer/lib/addressparser';

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

/** RFC 5321 §4.5.3.1: a path holds at most 256 octets, `<` and `>` included. */
const MAX_ADDRESS = 254;

/**
 * Reads one mailbox with nodemailer's own address parser (the one that will
 * write the header), and refuses what it would silently change: no address
 * at all (`The Alignment Digest`), several, a group, or an unquoted display
 * name whose parentheses (a comment in RFC 5322) or commas the parser would
 * drop or split (`Digest (Paris), weekly <a@b.org>` would be sent as
 * "Digest, weekly").
 *
 * @param key the config key, named in the problem (`from`)
 * @returns the mailbox, or the problem as "Unexpected X for `key`, expected Y"
 */
export function parseMailbox(value: string, key: string): { mailbox: Mailbox } | { problem: string } {
  const parsed = addressparser(value);
  const shown = `\`${value}\` for \`${key}\``;
  const only = parsed[0];
  if (parsed.length !== 1 || only === undefined || 'group' in only) {
    return { problem: `Unexpected ${shown}, expected one address such as \`"Example Newsletter" <news@example.org>\`` };
  }
  const { name, address } = only;
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
    const example = `"${(name || value).replace(/["\\]/g, '')}" <news@example.org>`;
    return { problem: `Unexpected ${shown}, expected an email address such as \`${example}\`` };
  }
  if (address.length > MAX_ADDRESS) return { problem: `Unexpected address of ${address.length} characters for \`${key}\`, expected at most ${MAX_ADDRESS}` };
  const written = writtenName(value);
  if (written !== undefined && collapse(written) !== collapse(name)) {
    const quoted = `"${written.replace(/["\\]/g, '\\$&')}" <${address}>`;
    return { problem: `Unexpected unquoted display name \`${written}\` for \`${key}\` (mail programs would show \`${name}\`), expected it in double quotes: \`${quoted}\`` };
  }
  const longest = Math.max(0, ...name.split(/\s+/).map((word: string) => word.length));
  if (longest > MAX_HEADER_WORD) {
    return { problem: `Unexpected word of ${longest} characters in the display name of \`${key}\`, expected at most ${MAX_HEADER_WORD} (a header line cannot be folded inside a word)` };
  }
  return { mailbox: { name, address } };
}

/** `Name <address>`, or the address alone: how the terminal preview shows a sender. */
export function formatMailbox(mailbox: Mailbox): string {
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}

/** The display name as written before `<address>`, unquoted; undefined without angle brackets. */
function writtenName(value: string): string | undefined {
  const phrase = /^([^<]*)<[^<>]*>\s*$/.exec(value)?.[1]?.trim();
  if (phrase === undefined) return undefined;
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(phrase);
  return quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : phrase;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
