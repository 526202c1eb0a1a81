import { isMap, isPair, isScalar, type Pair } from 'yaml';

/** A key of a mapping (the issue frontmatter's, the config's) that the data names `` (no name), in words that say what was written, and where. */
export interface UnnamedKey {
  /** "Unexpected …": what was written, quoted from the file. */
  said: string;
  /** What to write instead, for "expected …"; undefined where the schema's list of keys says it. */
  expected: string | undefined;
  /** Offsets in the YAML text: the key as written, or the `:` and the value after it. */
  range: [start: number, end: number];
}

/**
 * The key of the mapping `map` (a node of the document parsed from
 * `yamlText`) that YAML reads as having no name, which a schema then calls
 * ``: a `:` with nothing before it on its line (`: x`), one written after
 * a value (`authors: [A, "B #2"]: x`, a `#` quoted in a flow list once
 * yaml-comment-in-text is fixed, leaves `: x` behind, which YAML reads as
 * another key of the paper), or a key YAML reads as null or empty (`~`,
 * `null`, `""`). Undefined when `map` is no mapping or has no such key.
 */
export function unnamedKey(map: unknown, yamlText: string): UnnamedKey | undefined {
  if (!isMap(map)) return undefined;
  const pairs = map.items.filter(isPair);
  const index = pairs.findIndex((pair) => pair.key === null || (isScalar(pair.key) && (pair.key.value === null || pair.key.value === '')));
  const pair = pairs[index];
  if (!pair) return undefined;
  const key = isScalar(pair.key) ? pair.key : undefined;
  const written = key?.range ? yamlText.slice(key.range[0], key.range[1]) : '';
  if (key?.range && written.trim() !== '') {
    return { said: `Unexpected key \`${written}\`, which YAML reads as no name`, expected: undefined, range: [key.range[0], key.range[1]] };
  }
  const colon = colonOf(pair, yamlText);
  if (colon === undefined) return undefined;
  const lineEnd = lineEndAt(yamlText, colon);
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1];
  // To the value's end on the line (a comment after it left out), or the `:` alone.
  const range: [number, number] = [colon, trimmedEnd(yamlText, colon, valueEnd !== undefined && valueEnd > colon ? Math.min(valueEnd, lineEnd) : colon + 1)];
  const shown = yamlText.slice(...range);
  const before = valueBefore(pairs[index - 1], yamlText, colon);
  if (!before) return { said: `Unexpected \`${shown}\` with no key before the \`:\``, expected: undefined, range };
  return {
    said: `Unexpected \`${shown}\` after \`${before.value}\`, the value of \`${before.key}\` on its line, which YAML reads as another key, with no name`,
    expected: `the value alone on its line (a key of its own goes on a line below, \`key: value\`)`,
    range,
  };
}

/** The `:` of a pair with no key written: the last one before its value (a value of nothing starts right after it). */
function colonOf(pair: Pair, yamlText: string): number | undefined {
  const value = pair.value as { range?: [number, number, number] } | null;
  const key = pair.key as { range?: [number, number, number] } | null;
  let at = (value?.range?.[0] ?? key?.range?.[1] ?? 0) - 1;
  while (at >= 0 && /[ \t]/.test(yamlText[at]!)) at--;
  if (yamlText[at] === ':') return at;
  const after = yamlText.indexOf(':', key?.range?.[0] ?? 0);
  return after === -1 ? undefined : after;
}

/** The previous pair's key and value as written, when its value ends on the line of `colon`, before it. */
function valueBefore(pair: Pair | undefined, yamlText: string, colon: number): { key: string; value: string } | undefined {
  const key = pair && isScalar(pair.key) && pair.key.range ? yamlText.slice(pair.key.range[0], pair.key.range[1]) : undefined;
  const range = (pair?.value as { range?: [number, number, number] } | null | undefined)?.range;
  if (key === undefined || !range || range[1] > colon || yamlText.slice(range[1], colon).includes('\n')) return undefined;
  const value = yamlText.slice(range[0], trimmedEnd(yamlText, range[0], range[1]));
  return value.includes('\n') ? undefined : { key, value };
}

function trimmedEnd(yamlText: string, from: number, end: number): number {
  while (end > from && /\s/.test(yamlText[end - 1]!)) end--;
  return end;
}

function lineEndAt(yamlText: string, at: number): number {
  const end = yamlText.indexOf('\n', at);
  return end === -1 ? yamlText.length : end;
}
