import { Scalar } from 'yaml';
import { decodeDoubleQuoted, type DecodedScalar } from './double-quoted-scalar.js';

/**
 * Maps offsets in a YAML scalar's *value* back to offsets in the YAML source,
 * so a problem on the third line of a `summary: |` block, or after an escape
 * in a double-quoted text, is reported at that line and column of the file.
 *
 * The yaml package keeps each node's source range but not a per-character
 * map. A double-quoted scalar, whose escapes and folding change the text
 * most, is decoded again with each character's offset (double-quoted-scalar.ts).
 * The others are aligned with their source: every value character is found
 * at or after the previous match, skipping what YAML removed (indentation,
 * quotes, folded line breaks), which is exact for plain, single-quoted,
 * literal and folded block scalars.
 */
export function scalarOffsetMap(node: Scalar, yamlSource: string): (valueOffset: number) => number {
  // Built on first use: most texts never need a position (only a problem does).
  let map: Int32Array | undefined;
  return (offset) => {
    map ??= node.type === Scalar.QUOTE_DOUBLE && node.range ? doubleQuotedOffsets(node, yamlSource) : alignValueWithSource(node, yamlSource);
    return map[Math.max(0, Math.min(offset, map.length - 1))]!;
  };
}

/**
 * The offsets of a double-quoted scalar's value as parse.ts left it, which
 * is the decoded value but for two edits: control characters replaced one
 * for one by U+FFFD (control-characters.ts), and closers of the bidi scopes
 * left open inserted (bidi-controls.ts). An inserted closer, written
 * nowhere, takes the offset of what follows it.
 */
function doubleQuotedOffsets(node: Scalar, yamlSource: string): Int32Array {
  const [start, end] = node.range!;
  const decoded = decodeDoubleQuoted(yamlSource.slice(start, end), start);
  const value = String(node.value);
  return value.length === decoded.value.length ? Int32Array.from(decoded.offsets) : skippingInserted(value, decoded);
}

function skippingInserted(value: string, { value: decoded, offsets }: DecodedScalar): Int32Array {
  const map = new Int32Array(value.length + 1);
  let at = 0;
  for (let i = 0; i < value.length; i++) {
    map[i] = offsets[Math.min(at, decoded.length)]!;
    if (value[i] === decoded[at] || value[i] === REPLACEMENT_CHARACTER) at++;
  }
  map[value.length] = offsets[decoded.length]!;
  return map;
}

const REPLACEMENT_CHARACTER = '\ufffd';

/** The source offset of each character of the scalar's value, and of the end of the value. */
function alignValueWithSource(node: Scalar, yamlSource: string): Int32Array {
  const value = String(node.value);
  const [rangeStart, valueEnd] = node.range ?? [0, 0];
  const isBlock = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  // A block scalar's content starts on the line after its `|`/`>` header.
  let cursor = isBlock ? yamlSource.indexOf('\n', rangeStart) + 1 || rangeStart : rangeStart;
  const end = Math.max(valueEnd, cursor);
  const map = new Int32Array(value.length + 1);

  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    let probe = cursor;
    while (probe < end && !matches(char, yamlSource[probe]!) && isDroppedByYaml(yamlSource[probe]!)) probe++;
    if (probe < end && matches(char, yamlSource[probe]!)) {
      map[i] = probe;
      cursor = probe + 1;
    } else {
      map[i] = Math.min(cursor, end);
    }
  }
  map[value.length] = value.length === 0 ? cursor : Math.min(map[value.length - 1]! + 1, Math.max(end, cursor));
  return map;
}

function matches(valueChar: string, sourceChar: string): boolean {
  // Folding turns a line break of the source into a space of the value; parse.ts a control character into U+FFFD.
  return valueChar === sourceChar || (valueChar === ' ' && sourceChar === '\n') || (valueChar === REPLACEMENT_CHARACTER && !isDroppedByYaml(sourceChar));
}

function isDroppedByYaml(sourceChar: string): boolean {
  return sourceChar === ' ' || sourceChar === '\n' || sourceChar === '\t' || sourceChar === "'";
}
