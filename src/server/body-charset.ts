/**
 * How the bytes of a request body become text. A form is sent in the
 * encoding of the page it is on (a page in Windows-1252 sends `ö` as the
 * byte F6, `%F6` in a form): the body is read in the charset its
 * Content-Type declares, UTF-8 when it declares none, and a field whose
 * bytes are not text in it is told apart (`undefined`), never read as
 * U+FFFD: a name is stored as the reader wrote it, or refused.
 */

/** Decoders of a body's text: `strict` gives undefined for bytes that are not text in the charset, `lenient` reads them as U+FFFD. */
export interface BodyDecoders {
  charset: string;
  strict: (bytes: Uint8Array) => string | undefined;
  lenient: (bytes: Uint8Array) => string;
}

/**
 * The decoders of the charset a Content-Type declares (`…; charset=ISO-8859-1`;
 * UTF-8 without one), as the WHATWG Encoding Standard names it
 * (`iso-8859-1` reads as `windows-1252`), or undefined when the platform
 * knows no such charset. A byte-order mark is kept, as the URL Standard's
 * form parser keeps it.
 */
export function bodyDecoders(contentType: string): BodyDecoders | undefined {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  let strict: TextDecoder;
  try {
    strict = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
  const lenient = new TextDecoder(label, { ignoreBOM: true });
  const fix = strict.encoding === 'windows-1252' ? windows1252 : (text: string) => text;
  return {
    charset: strict.encoding,
    strict: (bytes) => {
      try {
        return fix(strict.decode(bytes));
      } catch {
        return undefined;
      }
    },
    lenient: (bytes) => fix(lenient.decode(bytes)),
  };
}

/**
 * The charsets no body is read in, though the Encoding Standard names
 * them: UTF-16 (`utf-16`, `utf-16le`, `utf-16be`). A form's `&`, `=`, `%`
 * and `+` are single ASCII bytes, which UTF-16 does not write; no browser
 * sends a form so (HTML's "get an output encoding" gives UTF-8 for a
 * UTF-16 page), and JSON between systems is UTF-8 (RFC 8259 §8.1). A body
 * that says so is a client's mistake: read in it, its bytes made names
 * and values of stray characters.
 */
export function refusedCharset(decoders: BodyDecoders): boolean {
  return decoders.charset === 'utf-16le' || decoders.charset === 'utf-16be';
}

/**
 * Windows-1252's characters of the bytes 80–9F (the WHATWG index: `€`, `‘`, `’`,
 * `“`…), where Node's TextDecoder gives the C1 controls of Latin-1 (its
 * Latin-1 fast path, nodejs/node#56542): a name with a curly quote or a
 * euro sign from a form on a Windows-1252 page is stored as written. The
 * five bytes Windows-1252 leaves undefined stay controls.
 */
const WINDOWS_1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}

/**
 * The members of an `application/x-www-form-urlencoded` body, in the order
 * sent, as the URL Standard parses one (its bytes split at `&`, then at the
 * first `=`, `+` a space, `%XX` a byte), each name and value then decoded
 * from its bytes: a value that is not text in the charset is undefined (a
 * name so is read leniently: no endpoint reads a name that is not ASCII).
 */
export function formMembers(body: Uint8Array, decoders: BodyDecoders): [string, string | undefined][] {
  const members: [string, string | undefined][] = [];
  for (const sequence of split(body, AMPERSAND)) {
    if (sequence.length === 0) continue;
    const equals = sequence.indexOf(EQUALS);
    const name = equals === -1 ? sequence : sequence.subarray(0, equals);
    const value = equals === -1 ? new Uint8Array() : sequence.subarray(equals + 1);
    members.push([decoders.lenient(percentDecoded(name)), decoders.strict(percentDecoded(value))]);
  }
  return members;
}

/** The parts of `bytes` between each `separator` byte. */
function split(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let at = bytes.indexOf(separator); at !== -1; at = bytes.indexOf(separator, start)) {
    parts.push(bytes.subarray(start, at));
    start = at + 1;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

/** `bytes` with `+` as a space and each `%` and two hex digits as the byte they give (a `%` without them stays). */
function percentDecoded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    const high = hexValue(bytes[at + 1]);
    const low = hexValue(bytes[at + 2]);
    if (byte === PERCENT && high !== undefined && low !== undefined) {
      out[length++] = high * 16 + low;
      at += 2;
    } else out[length++] = byte === PLUS ? SPACE : byte;
  }
  return out.subarray(0, length);
}

/** The value of an ASCII hex digit's byte, undefined for any other. */
function hexValue(byte: number | undefined): number | undefined {
  if (byte === undefined) return undefined;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : undefined;
}

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PERCENT = 0x25;
const PLUS = 0x2b;
const SPACE = 0x20;
