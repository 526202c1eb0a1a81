/**
 * A double-quoted YAML scalar decoded with the source offset of each UTF-16
 * code unit of its value: `"a\u00e9\nb"` is `aé` then a line feed then `b`,
 * at the offsets of `a`, `\u00e9`, `\n` and `b`.
 *
 * The rules are YAML 1.2.2's (§5.7 escaped characters, §6.5 line folding,
 * §7.3.1 double-quoted style) as the yaml package applies them
 * (`doubleQuotedValue` in yaml/dist/compose/resolve-flow-scalar.js), step
 * for step, so the value is the package's own, invalid escapes included:
 * - a character written as itself is at its own offset;
 * - every code unit an escape makes (`\U0001F600` makes two) is at the
 *   escape's backslash, where a problem inside it is shown;
 * - a line break folds, with the white space before it and the empty
 *   lines and indentation after it, into a space or a line feed per empty
 *   line: the first is where the fold starts (the white space before the
 *   line break, else the line break), so a text ending before a fold ends
 *   there as in the file, and each further line feed is at the line break
 *   before it;
 * - an escaped line break (`\` at the end of a line) and the indentation
 *   after it make nothing.
 */
export interface DecodedScalar {
  value: string;
  /** `offsets[i]`: the source offset of the text that made `value[i]`; one more entry, the closing quote's (the value's end). */
  offsets: number[];
}

/**
 * Decodes `scalar`, the source of a double-quoted scalar from its opening
 * quote to its closing one (which a scalar cut short by the end of the
 * document lacks), found at `start` in the source.
 */
export function decodeDoubleQuoted(scalar: string, start: number): DecodedScalar {
  let value = '';
  const offsets: number[] = [];
  const emit: Emit = (text, at) => {
    value += text;
    for (let k = 0; k < text.length; k++) offsets.push(start + at);
  };
  const last = scalar.length - 1;
  for (let i = 1; i < last; i++) {
    const char = scalar[i]!;
    const lineFeed = lineFeedAt(scalar, i);
    if (lineFeed !== -1) {
      // In a scalar cut short, a line break where the closing quote should be makes nothing, as in the yaml package.
      i = lineFeed < last ? foldLineBreaks(scalar, i, emit) : lineFeed;
    } else if (char === '\\') {
      i = decodeEscape(scalar, i, emit);
    } else if (char === ' ' || char === '\t') {
      const runStart = i;
      while (scalar[i + 1] === ' ' || scalar[i + 1] === '\t') i++;
      // White space before a line break is folded with it; elsewhere each character is kept as written.
      const after = lineFeedAt(scalar, i + 1);
      if (after === -1) for (let k = runStart; k <= i; k++) emit(scalar[k]!, k);
      else if (after < last) i = foldLineBreaks(scalar, runStart, emit);
    } else {
      emit(char, i);
    }
  }
  offsets.push(start + (scalar.length > 1 && scalar[last] === '"' ? last : scalar.length));
  return { value, offsets };
}

type Emit = (text: string, at: number) => void;

/** The offset of the line feed of a line break (LF or CRLF) at `at`, or -1 when there is none. */
function lineFeedAt(scalar: string, at: number): number {
  if (scalar[at] === '\n') return at;
  return scalar[at] === '\r' && scalar[at + 1] === '\n' ? at + 1 : -1;
}

/**
 * Folds the white space from `from` to the end of its line, the line break
 * and the empty lines and indentation after it (§6.5): a space when no line
 * is empty, else a line feed per empty line. The first at `from`, where the
 * fold starts (so a text ending before it ends there), each further line
 * feed at the line break before it. Returns the offset of the last
 * character folded.
 */
function foldLineBreaks(scalar: string, from: number, emit: Emit): number {
  let end = from;
  while (scalar[end] === ' ' || scalar[end] === '\t') end++;
  if (scalar[end] === '\r') end++;
  let lineBreak = from;
  let breaks = 0;
  for (let next = scalar[end + 1]; next === ' ' || next === '\t' || next === '\n' || next === '\r'; next = scalar[end + 1]) {
    if (next === '\r' && scalar[end + 2] !== '\n') break;
    end++;
    if (next === '\n') {
      emit('\n', lineBreak);
      // A CRLF starts at its CR.
      lineBreak = scalar[end - 1] === '\r' ? end - 1 : end;
      breaks++;
    }
  }
  if (breaks === 0) emit(' ', from);
  return end;
}

/** YAML 1.2.2 §5.7: the escapes of one character (`\x`, `\u` and `\U` are read by `decodeCharCode`). */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Decodes the escape whose backslash is at `at`; returns the offset of its last character. */
function decodeEscape(scalar: string, at: number, emit: Emit): number {
  let i = at + 1;
  const letter = scalar[i];
  const simple = letter === undefined ? undefined : ESCAPES[letter];
  if (simple !== undefined) {
    emit(simple, at);
    return i;
  }
  if (letter === '\n' || (letter === '\r' && scalar[i + 1] === '\n')) {
    // An escaped line break: nothing, and the next line's indentation is dropped.
    if (letter === '\r') i++;
    while (scalar[i + 1] === ' ' || scalar[i + 1] === '\t') i++;
    return i;
  }
  const digits = letter === undefined ? undefined : HEX_DIGITS[letter];
  if (digits !== undefined) {
    const hex = scalar.substr(i + 1, digits);
    const code = hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
    // Past U+10FFFF (or not hex): kept as written, as the yaml package does after reporting it.
    if (Number.isInteger(code) && code <= 0x10ffff) emit(String.fromCodePoint(code), at);
    else emitAsWritten(scalar, at, digits + 2, emit);
    return i + digits;
  }
  // Not an escape: the yaml package reports it and keeps it as written.
  emitAsWritten(scalar, at, 2, emit);
  return i;
}

function emitAsWritten(scalar: string, at: number, length: number, emit: Emit): void {
  for (let k = at; k < Math.min(at + length, scalar.length); k++) emit(scalar[k]!, k);
}
