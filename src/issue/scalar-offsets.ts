import { Scalar } from 'yaml';

/**
 * Maps offsets in a YAML scalar's *value* back to offsets in the YAML source,
 * so a problem on the third line of a `summary: |` block is reported at that
 * line and column of the file.
 *
 * The yaml package keeps each node's source range but not a per-character
 * map, so we align the value with its source: every value character is found
 * at or after the previous match, skipping what YAML removed (indentation,
 * quotes, escapes' backslashes, folded line breaks). Exact for literal and
 * folded block scalars and plain scalars; close for quoted ones with escapes.
 */
export function scalarOffsetMap(node: Scalar, yamlSource: string): (valueOffset: number) => number {
  // Built on first use: most texts never need a position (only a problem does).
  let map: Int32Array | undefined;
  return (offset) => {
    map ??= alignValueWithSource(node, yamlSource);
    return map[Math.max(0, Math.min(offset, map.length - 1))]!;
  };
}

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
  // Folding turns a line break of the source into a space of the value.
  return valueChar === sourceChar || (valueChar === ' ' && sourceChar === '\n');
}

function isDroppedByYaml(sourceChar: string): boolean {
  return sourceChar === ' ' || sourceChar === '\n' || sourceChar === '\t' || sourceChar === '"' || sourceChar === "'" || sourceChar === '\\';
}
