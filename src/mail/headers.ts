import { createHash, randomUUID } from 'node:crypto';
import { encodeWord, isPlainText } from 'nodemailer/lib/mime-funcs';
import { MAX_HEADER_WORD, type Mailbox } from '../config/address.js';
import { slugify } from '../issue/slug.js';
import { safeUrl } from '../render/links.js';
import { sha256 } from '../sha256.js';

/** Where a recipient can unsubscribe with one click (RFC 8058) or by mail (RFC 2369). */
export interface ListUnsubscribe {
  /** https, with the recipient's unguessable token. */
  url: string;
  /** `mailto:` address (with a subject) for clients that only mail. */
  mailto: string;
}

/**
 * Any header input on one line: CR, LF and other controls become spaces, so
 * a subject, a name or an address can never start a header of its own.
 */
export function singleLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/**
 * A URL inside `<…>`, through the filter every output's URLs pass (so only
 * an allowed scheme, percent-encoded: nothing can close the brackets or
 * break the line); undefined when refused.
 */
function headerUrl(url: string): string | undefined {
  const { href } = safeUrl(url, url);
  return href === undefined ? undefined : `<${href}>`;
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).hostname;
}

/**
 * `List-Id` (RFC 2919): the newsletter's name and a label under the
 * archive's host, `<the-alignment-digest.newsletter.example.org>`: stable as
 * long as the name and the baseUrl are, which is what filters key on. A
 * name with no Latin letter or digit (`日本語ニュース`) has no slug: its
 * label is `list-` and a hash of the name, since RFC 2919 §3 wants every
 * list's id unique and two such names once shared `untitled`.
 */
export function listId(config: { name: string; baseUrl: string }): string {
  const name = singleLine(config.name);
  // Only the phrase may be an encoded word (RFC 2047); the id stays bare. A quote or backslash of the name is a
  // quoted-pair in the quoted string (RFC 5322 §3.2.4), `=22`/`=5C` in an encoded word: shown as written, not dropped.
  const phrase = isPlainText(name) && !needsEncodedWords(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeWord(name, 'Q', ENCODED_WORD_LENGTH);
  const label = slugify(config.name, 60, '') || `list-${sha256(config.name.trim().normalize('NFC')).slice(0, 16)}`;
  return `${phrase} <${label}.${hostOf(config.baseUrl)}>`;
}

/** The length nodemailer gives the encoded words it writes. */
const ENCODED_WORD_LENGTH = 52;

/**
 * Whether ASCII header text must still go out as encoded words: a word over
 * `MAX_HEADER_WORD` (a 1,500-character word would make a line over 998
 * octets), or a `=?`, which mail programs read as the start of an encoded
 * word (RFC 2047 §2: `=?UTF-8?B?SGVsbG8=?= world` shows as "Hello world").
 * nodemailer encodes only text beyond ASCII.
 */
function needsEncodedWords(text: string): boolean {
  return text.includes('=?') || text.split(/\s+/).some((word) => word.length > MAX_HEADER_WORD);
}

/**
 * A subject (or any unstructured header text) as nodemailer writes it and
 * mail programs show it: unchanged, unless `needsEncodedWords`, then as RFC
 * 2047 encoded words of 52 characters, which mail programs join back exactly.
 */
export function foldableText(text: string): string {
  return needsEncodedWords(text) ? encodeWord(text, 'Q', ENCODED_WORD_LENGTH) : text;
}

/** A header value nodemailer must write as it is (folded, not encoded). */
interface PreparedHeader {
  prepared: true;
  foldLines: true;
  value: string;
}

/**
 * Whether mail from this newsletter can carry one-click unsubscribe
 * (`List-Unsubscribe-Post`, RFC 8058 §3.1 requires an https target): a
 * warning line (no newline) when its `baseUrl` is http, since Gmail and
 * Yahoo then offer no one-click unsubscribe and their bulk-sender rules
 * want it. Undefined for https, and for an http loopback host (`localhost`,
 * `*.localhost`, `127.x.x.x`, `[::1]`): a newsletter in development, whose
 * links reach no subscriber anyway.
 */
export function oneClickWarning(baseUrl: string, configFile: string): string | undefined {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || isLoopback(url.hostname)) return undefined;
  return `warning: \`baseUrl\` (${configFile}) is ${url.href}, not https: the messages go without \`List-Unsubscribe-Post\`, and Gmail and Yahoo offer their one-click unsubscribe (RFC 8058) only for an https link. Publish the archive over https and set \`baseUrl: https://${url.href.slice('http://'.length)}\`.`;
}

/** A host name of this machine, as the WHATWG URL parser writes it. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}

export function listHeaders(config: { name: string; baseUrl: string }, unsubscribe: ListUnsubscribe | undefined): Record<string, PreparedHeader> {
  const prepared = (value: string): PreparedHeader => ({ prepared: true, foldLines: true, value });
  const headers: Record<string, PreparedHeader> = { 'List-Id': prepared(listId(config)) };
  const targets = unsubscribe ? [unsubscribe.url, unsubscribe.mailto].map(headerUrl).filter((target) => target !== undefined) : [];
  if (targets.length > 0) headers['List-Unsubscribe'] = prepared(targets.join(', '));
  // One-click (RFC 8058) needs the https target.
  if (targets[0]?.startsWith('<https:')) headers['List-Unsubscribe-Post'] = prepared('List-Unsubscribe=One-Click');
  return headers;
}

/**
 * The Message-ID of an issue sent to one recipient: the same on every
 * attempt (a retried or resumed send is recognizably the same message), and
 * revealing neither the address nor anything guessable about it.
 */
export function messageId(baseUrl: string, issueNumber: number, recipient: string): string {
  const hash = createHash('sha256').update(`${baseUrl}\n${issueNumber}\n${recipient.trim().toLowerCase()}`).digest('hex');
  return `<issue${issueNumber}.${hash.slice(0, 32)}@${hostOf(baseUrl)}>`;
}

/**
 * The Message-ID of a proof (`send --test`): new for every proof. Not the
 * issue's `messageId` for that address: a client that holds a message
 * with an id drops or merges a second one with the same id (RFC 5322
 * §3.6.4 makes an id name one message), so an editor subscribed at the
 * address of their proofs would never see the issue itself.
 */
export function proofMessageId(baseUrl: string, issueNumber: number): string {
  return `<proof${issueNumber}.${randomUUID()}@${hostOf(baseUrl)}>`;
}

/** MIME boundaries derived from the Message-ID, so a message is byte-for-byte reproducible. */
export function messageBoundary(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}

/**
 * The mailto unsubscribe of a newsletter: its sender address, subject
 * "unsubscribe" followed by the recipient's token when there is one (so a
 * reply can be matched to the subscriber without trusting its From).
 */
export function unsubscribeMailto(from: Mailbox, token?: string): string {
  const subject = token === undefined ? 'unsubscribe' : `unsubscribe%20${encodeURIComponent(token)}`;
  return `mailto:${singleLine(from.address)}?subject=${subject}`;
}
