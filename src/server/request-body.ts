import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { hasLoneSurrogate } from '../diagnostics/control-characters.js';
import { bodyDecoders, formMembers, refusedCharset } from './body-charset.js';
import { phrasebook, type Phrasebook, type WordKey } from '../config/words.js';
import { PAPERBOY_WORDS_LANGUAGE } from '../config/language.js';

/**
 * A sentence said to a reader, in the words of the site that answers
 * (config/words.ts: the config's `words:`, else English): the phrasebook
 * of the answer says it.
 */
export type Saying = (words: Phrasebook) => string;

/** The `Saying` of one word, `key`, its placeholders filled by `values`. */
export function saying(key: WordKey, values: Readonly<Record<string, unknown>> = {}): Saying {
  return (words) => words.say(key, values);
}

/**
 * An answer to a request that cannot be served as asked: its status and a
 * message for the page, in plain words in the newsletter's language (a
 * reader sees it; see public-messages.ts; the Error's `message` is its
 * English), and what the server's log says of it.
 */
export class HttpError extends Error {
  /** Headers of the answer (a 429's Retry-After). */
  readonly headers: Record<string, string>;
  /** The technical reason, for stderr (no personal data); nothing is logged without one. */
  readonly detail: string | undefined;

  constructor(
    readonly status: number,
    readonly saying: Saying,
    options: { headers?: Record<string, string>; detail?: string } = {},
  ) {
    super(saying(phrasebook(undefined, PAPERBOY_WORDS_LANGUAGE)));
    this.headers = options.headers ?? {};
    this.detail = options.detail;
  }
}

/** What a page says of a request body that cannot be read (a script's or a tampered form's: a browser sending the site's forms never gets it). */
const UNREADABLE = saying('requestUnreadable');

/**
 * The connection closed before the request body arrived whole: the client
 * closed it (a closed tab, a dropped mobile connection), or the server did
 * (a request slower than its deadline, app.ts; a stop). Nobody is left to
 * answer, and nothing was read, so nothing was changed.
 */
export class RequestAborted extends Error {
  constructor() {
    super('the connection closed before its request was read whole (the client left, or sent it too slowly); nothing was changed');
  }
}

/** The most a form or JSON body may hold, in bytes: a subscription or an unsubscribe is a few dozen. */
const MAX_BODY_BYTES = 16 * 1024;

/** A body past MAX_BODY_BYTES: the page's words and the log's. */
const TOO_LARGE = saying('requestTooLarge');
const TOO_LARGE_DETAIL = `the request body is over ${MAX_BODY_BYTES} bytes`;

/**
 * A field of a body that is not one text, kept to be named when an endpoint
 * reads it: a JSON value of another type, a multipart field sent as a file,
 * or a form field given more than once.
 */
class NotText {
  /** `description`: what was received, for "Unexpected X" (`list`, `number \`42\``, `file \`a.txt\``, `2 values`). */
  constructor(readonly description: string) {}
}

/**
 * A field whose bytes are not text in the body's charset (UTF-8 unless
 * declared: a form on a page in Windows-1252 sends `ö` as `%F6`), or a JSON
 * string holding a lone surrogate (`"\ud800"`, no character at all): read
 * so it would be U+FFFD, a name stored otherwise than its reader wrote it.
 */
class NotDecodable {
  /** For the log: `description`, what came ("bytes that are not utf-8 text"); `expected`, what would have been read. */
  constructor(
    readonly description: string,
    readonly expected: string,
  ) {}
}

/** The fields of a body by name: a text, or what came instead of one. */
export type Fields = ReadonlyMap<string, string | NotText | NotDecodable>;

/**
 * The fields of a POST body: `application/x-www-form-urlencoded`,
 * `multipart/form-data` (RFC 8058 allows either for one-click unsubscribe;
 * parsed by busboy, a file's content unread, its field not text) or a JSON object. Read them with
 * `textField`, which refuses a field that is not one text.
 * Throws HttpError 413 past MAX_BODY_BYTES, 415 for another content type,
 * a charset the platform does not know or one no body is read in
 * (UTF-16: `refusedCharset`), or a compressed body (`Content-Encoding`), 501 for a transfer coding
 * other than `chunked`, 400 for two different `Content-Type` lines
 * (`repeatedHeader`) or a body that does not parse; RequestAborted when the client
 * closes the connection before the whole body came.
 */
export async function readFields(req: IncomingMessage): Promise<Fields> {
  const refused = bodyRefusedByHeaders(req) ?? repeatedHeader(req, 'content-type');
  if (refused) throw refused;
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') return readMultipart(req);
  if (type !== 'application/x-www-form-urlencoded' && type !== '' && type !== 'application/json') {
    throw new HttpError(415, UNREADABLE, { detail: `Unexpected content type ${type.slice(0, 100)}, expected a form or JSON` });
  }
  const decoders = bodyDecoders(contentType);
  if (!decoders) throw new HttpError(415, UNREADABLE, { detail: `Unexpected charset in the content type ${contentType.slice(0, 100)}, expected utf-8 or another the WHATWG Encoding Standard names` });
  if (refusedCharset(decoders)) throw new HttpError(415, UNREADABLE, { detail: `Unexpected charset ${decoders.charset} in the content type ${contentType.slice(0, 100)}, expected utf-8, which the site's forms send: no browser sends a form in UTF-16, and JSON between systems is UTF-8 (RFC 8259 §8.1)` });
  const body = await readBody(req);
  if (type !== 'application/json') return fieldsOf(formMembers(body, decoders).map(([name, value]) => [name, value ?? notText(decoders.charset)]));
  // Bytes that are not text: the body is read leniently to tell which field holds them (its U+FFFD).
  const strict = decoders.strict(body);
  // A byte-order mark before the JSON (some Windows tools write one) is passed over: RFC 8259 §8.1 lets a parser ignore it.
  const text = withoutByteOrderMark(strict ?? decoders.lenient(body));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, UNREADABLE, { detail: 'the request body is not valid JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, UNREADABLE, { detail: 'the request body is not a JSON object' });
  return fieldsOf(
    jsonMembers(text).map(([name, member]): [string, unknown] => {
      if (typeof member !== 'string') return [name, member];
      if (strict === undefined && member.includes('\uFFFD')) return [name, notText(decoders.charset)];
      return [name, hasLoneSurrogate(member) ? new NotDecodable('lone surrogate (a JSON escape such as \\ud800, no character)', 'text') : member];
    }),
  );
}

/** `text` without a byte-order mark (U+FEFF) at its start. */
function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** A field whose bytes are not text in the body's `charset`. */
function notText(charset: string): NotDecodable {
  return new NotDecodable(
    `bytes that are not ${charset} text`,
    'text in the charset the Content-Type declares, UTF-8 when it declares none (a form on a page in another encoding? give it accept-charset="utf-8")',
  );
}

/**
 * The text of field `name`, undefined when the body has no such field.
 * Throws HttpError 400 naming the field and what came instead when it is
 * not one text (`{"email": ["a@b.c"]}`, `email=a&email=b`): an endpoint
 * never reads a value other than the one sent, nor skips one silently.
 */
export function textField(fields: Fields, name: string): string | undefined {
  const value = fields.get(name);
  if (value instanceof NotText) {
    throw new HttpError(400, saying('fieldNotText', { field: name }), { detail: `Unexpected ${value.description} for \`${name}\`, expected text` });
  }
  if (value instanceof NotDecodable) {
    throw new HttpError(400, saying('fieldNotReadable', { field: name }), {
      detail: `Unexpected ${value.description} in \`${name}\`, expected ${value.expected}`,
    });
  }
  return value;
}

/** A JSON value that is not a string, as a message names it. */
function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return `${typeof value} \`${String(value)}\``;
}

/**
 * The fields of a form or of a JSON object by name, from its members in
 * the order sent. A name given more than once with different values is
 * not one text (which to read would be a guess), in a form as in JSON;
 * given twice alike (`List-Unsubscribe=One-Click` repeated by a sender's
 * client), it is that value: a one-click unsubscribe must not fail on a
 * harmless repeat.
 */
function fieldsOf(members: Iterable<[string, unknown]>): Fields {
  const values = new Map<string, Map<string, unknown>>();
  // Told apart by their JSON: two texts alike are one, and so are two lists alike.
  for (const [name, value] of members) values.set(name, (values.get(name) ?? new Map()).set(likeness(value), value));
  return new Map(
    [...values].map(([name, given]) => {
      if (given.size > 1) return [name, new NotText(`${given.size} values`)];
      const [value] = given.values();
      return [name, typeof value === 'string' || value instanceof NotDecodable || value instanceof NotText ? value : new NotText(describeJson(value))];
    }),
  );
}

/**
 * What two values of one field are alike by: their JSON; a value nested too
 * deep to be written again (a list in a list 8,000 deep fits in 16 KB, and
 * `JSON.stringify` recurses: it threw, a 500 with a stack on stderr) is
 * like no other, itself (it is no text either way).
 */
function likeness(value: unknown): unknown {
  try {
    return JSON.stringify(value);
  } catch {
    return value;
  }
}

/**
 * The members of the JSON object `text` (known to parse as one), every one
 * in the order written. `JSON.parse` keeps the last of a name given twice
 * (RFC 8259 §4 only says names SHOULD be unique, and parsers differ on
 * which one they keep): `{"email": "a@…", "email": "b@…"}` would store b@
 * without a word, where the same form is refused.
 */
function jsonMembers(text: string): [string, unknown][] {
  const members: [string, unknown][] = [];
  let depth = 0;
  let name: string | undefined;
  let valueStart = 0;
  const end = (at: number) => {
    if (name !== undefined) members.push([name, JSON.parse(text.slice(valueStart, at)) as unknown]);
    name = undefined;
  };
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      const close = stringEnd(text, at);
      // A string at the top level where no name is pending is a name; after its `:` it is a value.
      if (depth === 1 && name === undefined) name = JSON.parse(text.slice(at, close + 1)) as string;
      at = close;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      if (depth === 1) end(at);
      depth--;
    } else if (depth === 1 && char === ':') {
      valueStart = at + 1;
    } else if (depth === 1 && char === ',') {
      end(at);
    }
  }
  return members;
}

/** The offset of the quote that closes the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at;
}

/**
 * The 400 of a request giving `Host` on more than one line (RFC 9112 §3.2:
 * a server MUST answer such a request 400), or `Content-Type`, a field a
 * message holds once (RFC 9110 §8.3), on lines that differ; undefined
 * otherwise. Node keeps the first line and drops the others without a word,
 * where a proxy in front may have read another: which host the request is
 * for, or how its body is written, would be a guess.
 */
export function repeatedHeader(req: IncomingMessage, name: 'host' | 'content-type'): HttpError | undefined {
  const lines = req.headersDistinct[name] ?? [];
  const count = name === 'host' ? lines.length : new Set(lines).size;
  if (count < 2) return undefined;
  const label = name === 'host' ? 'Host' : 'Content-Type';
  return new HttpError(400, UNREADABLE, { detail: `Unexpected ${count} ${label} lines (${lines.map((line) => line.slice(0, 100)).join(' | ')}), expected one` });
}

/**
 * The 413 of a request whose `Content-Length` already says its body is
 * over MAX_BODY_BYTES, the 501 of one sent with a transfer coding other
 * than `chunked` (`transferCoded`), the 415 of one whose `Content-Encoding`
 * says it is compressed (`encodedBody`), undefined otherwise (no length: a chunked body is
 * counted as it comes, `readFields`). Refused before a byte of it is read,
 * and, when the client asked first (`Expect: 100-continue`), instead of
 * the `100 Continue` that would have it sent (RFC 9110 §10.1.1: a server
 * that will refuse a request by its headers answers so, without 100): a
 * client sent its 10 MB after being told to go on, to be refused at 16 KB.
 */
export function bodyRefusedByHeaders(req: IncomingMessage): HttpError | undefined {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) return new HttpError(413, TOO_LARGE, { detail: TOO_LARGE_DETAIL });
  return transferCoded(req.headers['transfer-encoding']) ?? encodedBody(req.headers['content-encoding']);
}

/**
 * The 501 of a body sent with a transfer coding besides `chunked`
 * (`Transfer-Encoding: gzip, chunked`), undefined for none or `chunked`
 * alone. Node's parser takes the chunks apart and hands on what they hold
 * as it is: a gzipped form was read as bytes that are no form. RFC 9112
 * §6.1: a server that receives a transfer coding it does not understand
 * SHOULD answer 501 (Not Implemented).
 */
function transferCoded(header: string | undefined): HttpError | undefined {
  if (header === undefined || header.trim().toLowerCase() === 'chunked') return undefined;
  return new HttpError(501, UNREADABLE, { detail: `Unexpected Transfer-Encoding ${header.slice(0, 100)}, expected chunked alone: no other transfer coding is decoded` });
}

/**
 * The 415 of a body sent with a content coding (`Content-Encoding: gzip`,
 * `br`, `deflate`, or any other), undefined for none (absent, empty, or
 * `identity`). The server decodes no body: read as it came, a gzipped form
 * was bytes that are no form at all, and a coding it did decode would turn
 * a 16 KB body into megabytes (a "zip bomb"). RFC 9110 §15.5.16 answers a
 * coding the server does not take with 415, and §12.5.3 has it say in
 * `Accept-Encoding` which it takes: `identity`, the body as it is.
 */
function encodedBody(header: string | undefined): HttpError | undefined {
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return undefined;
  return new HttpError(415, UNREADABLE, {
    headers: { 'Accept-Encoding': 'identity' },
    detail: `Unexpected Content-Encoding ${codings.join(', ').slice(0, 100)}, expected a body sent as it is (no content coding)`,
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new HttpError(413, TOO_LARGE, { detail: TOO_LARGE_DETAIL });
      chunks.push(chunk);
    }
  } catch (error) {
    // Node ends the stream with `Error: aborted` (ECONNRESET) when the connection closes mid-body.
    throw error instanceof HttpError || req.complete ? error : new RequestAborted();
  }
  return Buffer.concat(chunks);
}

function readMultipart(req: IncomingMessage): Promise<Fields> {
  return new Promise((resolve, reject) => {
    const fields: [string, string | NotDecodable | NotText][] = [];
    let parser: busboy.Busboy;
    try {
      // No count of fields or parts: past one, busboy drops the rest without a word (a one-click field after 32 others went unread); MAX_BODY_BYTES bounds them, as it bounds a urlencoded form's.
      parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_BODY_BYTES } });
    } catch {
      reject(new HttpError(400, UNREADABLE, { detail: 'the multipart body has no boundary' }));
      return;
    }
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.unpipe(parser);
        reject(new HttpError(413, TOO_LARGE, { detail: TOO_LARGE_DETAIL }));
      }
    });
    // busboy reads a part as UTF-8 unless it declares a charset (no browser does), bytes that are not as U+FFFD: such a value is refused, not stored changed.
    parser.on('field', (name, value) => fields.push([name, value.includes('\uFFFD') ? notText('utf-8') : value]));
    // A file's content is never read, but its field is named when an endpoint reads it: an address sent as a file is not "no address given".
    parser.on('file', (name, stream, info) => {
      stream.resume();
      fields.push([name, new NotText(`file \`${info.filename ?? ''}\``.slice(0, 120))]);
    });
    parser.on('error', () => reject(new HttpError(400, UNREADABLE, { detail: 'the multipart body does not parse' })));
    parser.on('close', () => resolve(fieldsOf(fields)));
    // A connection closed mid-body never ends the parser: settle here (after a whole body, `close` changes nothing).
    req.on('close', () => {
      if (!req.complete) reject(new RequestAborted());
    });
    req.pipe(parser);
  });
}

/**
 * The `token` of a link's query (`?token=…`, the unsubscribe and confirmation
 * links): given once, or repeated alike; '' when there is none, or several
 * that differ (which one to act on would be a guess: the links paperboy
 * writes carry one, as a form field given twice otherwise is refused,
 * `fieldsOf`).
 */
export function queryToken(query: URLSearchParams): string {
  const tokens = new Set(query.getAll('token'));
  return tokens.size === 1 ? [...tokens][0]! : '';
}
