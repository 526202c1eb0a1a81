import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument, Scalar, stringify } from 'yaml';
import { decodeDoubleQuoted } from '../../src/issue/double-quoted-scalar.js';

/**
 * One stretch of a double-quoted scalar's source, what it decodes to, and
 * where each UTF-16 code unit of that value comes from (offsets into `source`).
 */
interface Piece {
  source: string;
  value: string;
  from: number[];
}

/** YAML 1.2.2 §5.7, written out again here as the test's own reference. */
const ONE_CHARACTER_ESCAPES: Record<string, string> = {
  '0': '\x00', a: '\x07', b: '\x08', e: '\x1b', f: '\x0c', n: '\x0a', r: '\x0d', t: '\x09', '\t': '\x09', v: '\x0b',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/** A character written as itself: any but the quote, the backslash, white space and line breaks. */
const literal: fc.Arbitrary<Piece> = fc
  .oneof(fc.constantFrom('a', 'Z', '#', ':', '-', "'", '<', '>', 'é', '中', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
  .filter((char) => !/["\\ \t\n\r]/.test(char))
  .map((char) => ({ source: char, value: char, from: Array.from({ length: char.length }, (_, k) => k) }));

const oneCharacterEscape: fc.Arbitrary<Piece> = fc.constantFrom(...Object.keys(ONE_CHARACTER_ESCAPES)).map((letter) => ({
  source: `\\${letter}`,
  value: ONE_CHARACTER_ESCAPES[letter]!,
  from: [0],
}));

/** `\xXX`, `\uXXXX` (a lone surrogate too) or `\UXXXXXXXX`, in either case of hex digits. */
const codeEscape: fc.Arbitrary<Piece> = fc
  .oneof(
    fc.tuple(fc.constant('x'), fc.integer({ min: 0, max: 0xff }), fc.constant(2)),
    fc.tuple(fc.constant('u'), fc.integer({ min: 0, max: 0xffff }), fc.constant(4)),
    fc.tuple(fc.constant('U'), fc.integer({ min: 0, max: 0x10ffff }), fc.constant(8)),
  )
  .chain(([letter, code, digits]) =>
    fc.boolean().map((upper) => {
      const hex = code.toString(16).padStart(digits, '0');
      const value = String.fromCodePoint(code);
      return { source: `\\${letter}${upper ? hex.toUpperCase() : hex}`, value, from: value.length === 2 ? [0, 0] : [0] };
    }),
  );

const blanks = (max: number) => fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: max });
/** A continuation line's indentation, or an empty line's blanks: a space at least (the key is at column 1), then maybe a tab. */
const indentation = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([spaces, tab]) => ' '.repeat(spaces) + (tab ? '\t' : ''));

/** Blanks kept because a character follows them on the line. */
const innerBlanks: fc.Arbitrary<Piece> = fc.tuple(blanks(3).filter((b) => b.length > 0), literal).map(([run, after]) => ({
  source: run + after.source,
  value: run + after.value,
  from: [...run].map((_, k) => k).concat(after.from.map((k) => run.length + k)),
}));

/**
 * A line break, folded (§6.5) with the blanks before it and the next line's
 * indentation: a space, or a line feed per empty line; the first from where
 * the fold starts, each further one from the line break before it. Then a
 * character (blanks there would be indentation).
 */
const fold: fc.Arbitrary<Piece> = fc.tuple(blanks(2), fc.array(fc.oneof(fc.constant(''), indentation), { maxLength: 3 }), indentation, literal).map(([trailing, emptyLines, indent, after]) => {
  let source = `${trailing}\n`;
  const from = [0];
  emptyLines.forEach((blank, k) => {
    source += blank;
    if (k < emptyLines.length - 1) from.push(source.length);
    source += '\n';
  });
  source += indent;
  return { source: source + after.source, value: (emptyLines.length === 0 ? ' ' : '\n'.repeat(emptyLines.length)) + after.value, from: from.concat(after.from.map((k) => source.length + k)) };
});

/** An escaped line break (`\` at the end of a line): nothing, nor the next line's indentation; the blanks before it are kept. */
const escapedLineBreak: fc.Arbitrary<Piece> = fc.tuple(blanks(2), indentation, literal).map(([before, indent, after]) => {
  const source = `${before}\\\n${indent}`;
  return { source: source + after.source, value: before + after.value, from: [...before].map((_, k) => k).concat(after.from.map((k) => source.length + k)) };
});

const piece = fc.oneof(literal, oneCharacterEscape, codeEscape, innerBlanks, fold, escapedLineBreak);

test('a double-quoted scalar of any escapes, folded lines and escaped line breaks decodes as the yaml package reads it, each character at the offset of the text that made it', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const prefix = 'key: "';
      let source = prefix;
      let value = '';
      const offsets: number[] = [];
      for (const { source: written, value: made, from } of pieces) {
        offsets.push(...from.map((k) => source.length + k));
        source += written;
        value += made;
      }
      offsets.push(source.length);
      source += '"\n';
      const document = parseDocument(source);
      assert.deepEqual(document.errors, []);
      const node = document.get('key', true) as Scalar;
      assert.equal(node.value, value, 'the generated YAML means what the test expects');
      const decoded = decodeDoubleQuoted(source.slice(node.range![0], node.range![1]), node.range![0]);
      assert.equal(decoded.value, value);
      assert.deepEqual(decoded.offsets, offsets);
    }),
    { numRuns: 500 },
  );
});

/** The escape at `at`: `\` and its letter, and the hex digits of `\x`, `\u` and `\U`. */
function escapeAt(source: string, at: number): string {
  return source.slice(at, at + ({ x: 4, u: 6, U: 10 }[source[at + 1]!] ?? 2));
}

test('any text the yaml package writes double-quoted (its escapes and folded long lines) decodes as the yaml package reads it, each character at the text that makes it', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(' ', ' ', '\n', '\t', '"', '\\', 'é'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 }), fc.integer({ min: 8, max: 40 }), (text, lineWidth) => {
      const source = stringify({ key: text }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth, minContentWidth: 0 });
      const node = parseDocument(source).get('key', true) as Scalar;
      const [start, end] = node.range!;
      const { value, offsets } = decodeDoubleQuoted(source.slice(start, end), start);
      // What the yaml package reads back, which the decoder stands in for. Its writer may lose a space before a fold
      // (yaml 2.9: "\0  # \n\0" at width 9 reads back as "\0  #\n\0"); paperboy writes no YAML with it.
      assert.equal(value, node.value);
      const made = new Set<number>();
      for (let i = 0; i < value.length; i++) {
        const at = offsets[i]!;
        assert.ok(at > start && at < end - 1 && (i === 0 || at >= offsets[i - 1]!), `offset ${at} of character ${i} out of order`);
        if (source[at] === '\\') {
          // Both halves of a surrogate pair come from one escape.
          const units = offsets.slice(i, value.length).filter((o) => o === at).length;
          assert.equal(parseDocument(`"${escapeAt(source, at)}"`).contents!.toJSON(), value.slice(i, i + units));
          i += units - 1;
          for (let k = at; k < at + escapeAt(source, at).length; k++) made.add(k);
        } else if (/^[ \t]*\n/.test(source.slice(at)) && /[ \n]/.test(value[i]!)) {
          // A fold, from the blanks before its line break or from the line break.
          made.add(at);
        } else {
          assert.equal(source[at], value[i]);
          made.add(at);
        }
      }
      assert.equal(offsets[value.length], end - 1, 'the value ends at the closing quote');
      // What made no character is white space, a line break, or an escaped line break's backslash.
      for (let k = start + 1; k < end - 1; k++) {
        if (!made.has(k)) assert.ok(/[ \t\n]/.test(source[k]!) || (source[k] === '\\' && source[k + 1] === '\n'), `${JSON.stringify(source[k])} at ${k} makes nothing`);
      }
    }),
    { numRuns: 500 },
  );
});

test('what YAML reports and keeps of an invalid escape (`\\q`, `\\x4`, `\\U00110000`) is at its own characters', () => {
  for (const [escape, offsets] of [
    ['\\q', [1, 2]],
    ['\\x4g', [1, 2, 3, 4]],
    ['\\U00110000', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ] as const) {
    const scalar = `"${escape}"`;
    const decoded = decodeDoubleQuoted(scalar, 0);
    assert.equal(decoded.value, escape);
    assert.deepEqual(decoded.offsets, [...offsets, scalar.length - 1]);
  }
});

test('a double-quoted scalar cut short by the end of the document decodes as the yaml package reads it', () => {
  for (const source of ['key: "a \n', 'key: "a\r\n', 'key: "a  \n  b', 'key: "a\\', 'key: "a\n\n', 'key: "']) {
    const node = parseDocument(source).get('key', true) as Scalar;
    const [start, end] = node.range!;
    assert.equal(decodeDoubleQuoted(source.slice(start, end), start).value, node.value, JSON.stringify(source));
  }
});
